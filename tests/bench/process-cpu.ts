import { readdirSync, readFileSync } from "node:fs";

/**
 * A process's CPU time so far in µs, user and system, from `/proc/<pid>/stat` (clock ticks of 10 ms):
 * how the benchmarks see what DynamoDB Local's Java process spends beside Node's own.
 *
 * @example
 * const before = processCpuMicros(dynamo.pid);
 */
export function processCpuMicros(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** The ids of a process's children, from `/proc/<pid>/task/<tid>/children`. */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" ").filter(Boolean).map(Number),
    );
  } catch {
    return []; // gone meanwhile
  }
}

/**
 * The CPU time so far in µs of a process and every process under it: a child started through `tsx`
 * is a wrapper whose own CPU is nearly nothing, the server it runs is its child.
 *
 * @example
 * const before = processTreeCpuMicros(server.pid);
 */
export function processTreeCpuMicros(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  return childrenOf(pid).reduce((sum, child) => sum + processTreeCpuMicros(child), processCpuMicros(pid));
}
