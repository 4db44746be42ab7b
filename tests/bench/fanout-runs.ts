import { runChild } from "./children.js";

let tables = 0;

/**
 * Seeds a fresh table in one process, then measures one fan-out over it in another
 * (tests/bench/fanout.ts): publish → every recipient handed to `ses`.
 *
 * @example
 * const { recipientsPerSecond, peakRssMb } = fanoutRun(10_000, dynamo, ses);
 */
export function fanoutRun(size: number, dynamo: string, ses: string, mode = "") {
  const table = `bench-${++tables}-${size}`;
  const { seedSeconds } = runChild(["tests/bench/seed-cli.ts", dynamo, table, String(size), "8"]);
  return { ...runChild(["tests/bench/fanout.ts", table, String(size), dynamo, ses, mode]), seedSeconds };
}

/** Three fan-out runs, keeping the one with the median throughput (and its RSS). */
export function fanoutMedianOf3(size: number, dynamo: string, ses: string, mode = "") {
  const results = [0, 1, 2].map(() => fanoutRun(size, dynamo, ses, mode));
  results.sort((a, b) => a.recipientsPerSecond - b.recipientsPerSecond);
  return { ...results[1], allRecipientsPerSecond: results.map((r) => Math.round(r.recipientsPerSecond)) };
}
