import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, hostname, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import type { BenchResult, Row } from "./rows.js";

const RESULTS = "tests/bench/results";
const LATEST = "-latest.json";

/** The machine a run measured on, as the results files and the docs table name it. */
export function machineInfo(): BenchResult["machine"] & { host: string } {
  return {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    host: hostname(),
  };
}

/**
 * One part of the bench measured alone (`npm run bench -- recovery`): its rows, when and where.
 * A whole run takes long on a shared machine; a part's rows go into docs/benchmarks.md beside the
 * latest whole run's, with their own date, until a newer whole run measures them again.
 */
export interface PartResult {
  part: string;
  at: string;
  machine: BenchResult["machine"];
  /** The machine's 1-minute load average as the part started: it shares two cores with others. */
  loadAverage?: number;
  rows: Row[];
  data: unknown;
}

/**
 * Writes a part's results as `results/<part>-<time>.json` and `results/<part>-latest.json`.
 *
 * @example
 * writePartResult("recovery", rows, { pass, restart }); // then writeBenchDocs(latest, latestParts())
 */
export function writePartResult(
  part: string,
  rows: Row[],
  data: unknown,
  loadAverage = loadavg()[0],
): string {
  const result: PartResult = {
    part,
    at: new Date().toISOString(),
    machine: machineInfo(),
    loadAverage: Number(loadAverage?.toFixed(1)),
    rows,
    data,
  };
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${part}-${result.at.slice(0, 19).replace(/[:T]/g, "-")}.json`);
  const text = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(file, text);
  writeFileSync(join(RESULTS, `${part}${LATEST}`), text);
  return file;
}

/** Every part's latest results (`results/<part>-latest.json`), in the order of their names. */
export function latestParts(dir = RESULTS): PartResult[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(LATEST) && f !== "latest.json")
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as PartResult);
}

/** The whole run's latest results (`results/latest.json`). */
export function latestWholeRun(dir = RESULTS): BenchResult {
  return JSON.parse(readFileSync(join(dir, "latest.json"), "utf8")) as BenchResult;
}
