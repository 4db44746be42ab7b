import { readFileSync } from "node:fs";

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
