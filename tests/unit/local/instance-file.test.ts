import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readInstance, writeInstance } from "../../../functions/local/instance-file.js";

const dir = mkdtempSync(join(tmpdir(), "herald-instance-"));
afterEach(() => rmSync(join(dir, "instance.json"), { force: true }));

describe("the running instance's record", () => {
  it("is read back while its process lives, and gone once removed", () => {
    // Act
    const remove = writeInstance(dir, { api: "http://127.0.0.1:4321", pid: process.pid });
    const found = readInstance(dir);
    remove();

    // Assess
    expect(found).toEqual({ api: "http://127.0.0.1:4321", pid: process.pid });
    expect(readInstance(dir)).toBeUndefined();
  });

  it("is ignored when its process is gone (a crash) or it is not one", () => {
    // Prepare: the pid of a process that has exited.
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    writeInstance(dir, { api: "http://127.0.0.1:4321", pid: dead });
    const stale = readInstance(dir);
    writeFileSync(join(dir, "instance.json"), "{not json");

    // Assess
    expect(stale).toBeUndefined();
    expect(readInstance(dir)).toBeUndefined();
  });
});
