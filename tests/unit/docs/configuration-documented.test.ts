import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..");

/** Every `.ts` file below `dir`, recursively. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(ROOT, dir, f));
}

const read = (path: string) => readFileSync(path, "utf8");

describe("configuration docs", () => {
  it("name every HERALD_ variable the code reads or the stack sets", () => {
    // Prepare
    const code = ["functions", "infra", "scripts"].flatMap(sources).map(read).join("\n");
    const named = new Set(code.match(/HERALD_[A-Z0-9_]*[A-Z0-9]/g));
    const docs = ["configuration.md", "social.md"].map((f) => read(join(ROOT, "docs", f))).join("\n");

    // Act
    const undocumented = [...named].filter((name) => !docs.includes(name)).sort();

    // Assess
    expect(named.size).toBeGreaterThan(20);
    expect(undocumented).toEqual([]);
  });
});
