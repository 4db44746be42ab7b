import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { benchDocsSection } from "../../bench/docs-table.js";
import { latestParts, latestWholeRun } from "../../bench/parts.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const RESULTS = join(ROOT, "tests/bench/results");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

describe("docs/benchmarks.md", () => {
  it("shows the table made from the latest results files, not a copy by hand", () => {
    // Prepare
    const latest = latestWholeRun(RESULTS);
    const parts = latestParts(RESULTS);

    // Act
    const section = benchDocsSection(latest, parts);

    // Assess
    expect(section).toContain("| MJML render per edition, warm p50");
    expect(read("docs/benchmarks.md")).toContain(section);
  });

  it("puts a part measured after the whole run into the table with its date, and leaves out an older one", () => {
    // Prepare
    const latest = latestWholeRun(RESULTS);
    const machine = { cores: 2, memoryGb: 8, node: "v20" };
    const part = (at: string) => ({
      part: "recovery",
      at,
      machine,
      rows: [["recovery pass, test", "1 ms", "—"] as [string, string, string]],
      data: {},
    });

    // Act
    const newer = benchDocsSection(latest, [part("9999-01-01T00:00:00.000Z")]);
    const older = benchDocsSection(latest, [part("2000-01-01T00:00:00.000Z")]);

    // Assess
    expect(newer).toContain("| recovery pass, test");
    expect(newer).toContain("The recovery rows: `npm run bench -- recovery` run 9999-01-01 00:00 UTC");
    expect(older).not.toContain("recovery pass, test");
  });
});
