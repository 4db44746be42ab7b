import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { benchDocsSection } from "../../bench/docs-table.js";
import type { BenchResult } from "../../bench/rows.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

describe("docs/benchmarks.md", () => {
  it("shows the table made from the latest results file, not a copy by hand", () => {
    // Prepare
    const latest = JSON.parse(read("tests/bench/results/latest.json")) as BenchResult;

    // Act
    const section = benchDocsSection(latest);

    // Assess
    expect(section).toContain("| MJML render per edition, warm p50");
    expect(read("docs/benchmarks.md")).toContain(section);
  });
});
