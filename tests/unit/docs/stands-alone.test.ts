import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..");

/**
 * Documents that lived outside the repository while Herald was first built. Spelled in pieces so
 * that this file does not name them itself.
 */
const OUTSIDE = [
  ["API", ".md"],
  ["DESIGN", ".md"],
  ["social API", " notes"],
  ["shared/", "reference"],
  ["/work/", "shared"],
  // An import from a folder one up named like the outside one reads as a citation of it: the social
  // adapters' helpers live in `social/common/` for that reason.
  ["../", "shared"],
].map((parts) => parts.join(""));

describe("the repository", () => {
  it("stands alone: no tracked file names a document outside it", () => {
    // Prepare
    const files = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
      .split("\0")
      .filter((f) => f && !f.endsWith(".png") && !f.endsWith(".woff2") && f !== "package-lock.json");

    // Act
    const citing = files.flatMap((file) => {
      let text: string;
      try {
        text = readFileSync(join(ROOT, file), "utf8");
      } catch {
        return []; // deleted in the working tree
      }
      return OUTSIDE.filter((name) => text.includes(name)).map((name) => `${file}: ${name}`);
    });

    // Assess
    expect(files.length).toBeGreaterThan(100);
    expect(citing).toEqual([]);
  });
});
