import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";

/** Where a running `npm start` says where it listens: beside its data, so tools find it without `PORT`. */
const FILE = "instance.json";

const Instance = z.object({ api: z.url(), pid: z.number().int().positive() });
export type Instance = z.infer<typeof Instance>;

/**
 * Records the running instance in its data folder; returns the function that removes the record
 * (called on Ctrl-C; a crash leaves it behind, which `readInstance` sees through by the pid).
 *
 * @example
 * const forget = writeInstance(".herald", { api: "http://127.0.0.1:3000", pid: process.pid });
 */
export function writeInstance(dataDir: string, instance: Instance): () => void {
  const file = join(dataDir, FILE);
  writeFileSync(file, `${JSON.stringify(instance, null, 2)}\n`);
  return () => rmSync(file, { force: true });
}

/**
 * The instance running from `dataDir`, or `undefined` when none is (no record, an unreadable one,
 * or one left by a process that is gone).
 *
 * @example
 * readInstance(".herald")?.api; // "http://127.0.0.1:3000"
 */
export function readInstance(dataDir: string): Instance | undefined {
  let found: Instance;
  try {
    found = Instance.parse(JSON.parse(readFileSync(join(dataDir, FILE), "utf8")));
  } catch {
    return undefined;
  }
  return isAlive(found.pid) ? found : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but someone else's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
