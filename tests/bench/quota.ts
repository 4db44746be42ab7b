import { loadavg } from "node:os";
import { startDynamoLocal } from "../../functions/local/dynamodb-local.js";
import { sendCapacity } from "../../infra/send-concurrency.js";
import type { NullSesStats } from "../helpers/null-ses.js";
import { freePort, runChild, startChild } from "./children.js";
import { markdownTable, writeBenchDocs } from "./docs-table.js";
import { latestParts, latestWholeRun, writePartResult } from "./parts.js";
import type { Row } from "./rows.js";

/** The quotas the part sends against, recipients per second (SES counts recipients, not calls). */
const QUOTAS = [1_000, 200];
const WINDOW_SECONDS = 10;

/**
 * How much of the quota a send used, from SES's side: recipients accepted between the first and the
 * last accepted call over what the quota allows in that time, and the worst 10-second window inside
 * it (the first and last, partial, left out), so a send that saturates only on average shows it.
 *
 * @example
 * quotaShare(stats, 200); // { share: 0.98, worstWindowShare: 0.96, seconds: 510 }
 */
export function quotaShare(stats: NullSesStats, ratePerSecond: number) {
  const seconds = ((stats.lastAcceptedMs ?? 0) - (stats.firstAcceptedMs ?? 0)) / 1000;
  const inner = stats.perSecond.slice(0, -1).map((n) => n ?? 0);
  let worst = Number.POSITIVE_INFINITY;
  for (let i = 0; i + WINDOW_SECONDS <= inner.length; i++) {
    const sum = inner.slice(i, i + WINDOW_SECONDS).reduce((a, b) => a + b, 0);
    worst = Math.min(worst, sum / (WINDOW_SECONDS * ratePerSecond));
  }
  return {
    seconds,
    share: seconds > 0 ? stats.accepted / (seconds * ratePerSecond) : 0,
    worstWindowShare: Number.isFinite(worst) ? worst : undefined,
  };
}

/**
 * `npm run bench -- quota [rate] [size]`: a send of `size` readers (100,000 unless told) against a
 * null SES that enforces each quota (1,000/s and 200/s, or the `rate` told), with Herald's send workers paced as the stack paces them
 * (infra/send-concurrency.ts: each worker's share × the workers); about 10 minutes at 100,000.
 * Prints the rows, writes `results/quota-*.json` and puts the rows into docs/benchmarks.md.
 */
export async function quotaPart(size = 100_000, quotas = QUOTAS) {
  const dynamo = await startDynamoLocal(await freePort());
  const files: string[] = [];
  for (const quota of quotas) {
    // Each quota is a part of its own (`quota-<rate>`): one can be measured again alone.
    const loadAverage = loadavg()[0];
    const capacity = sendCapacity(quota);
    const pace = capacity.perWorkerRate * capacity.maxConcurrency;
    const table = `bench-quota-${quota}`;
    const { seedSeconds } = runChild(["tests/bench/seed-cli.ts", dynamo.endpoint, table, String(size), "8"]);
    const ses = await startChild("tests/bench/null-ses.ts", [String(quota)]);
    const fanout = runChild([
      "tests/bench/fanout.ts",
      table,
      String(size),
      dynamo.endpoint,
      ses.endpoint,
      `pace:${pace}`,
    ]);
    const stats = (await (await fetch(`${ses.endpoint}/stats`)).json()) as NullSesStats;
    ses.child.kill();
    const share = quotaShare(stats, quota);
    const lost = size - stats.uniqueRecipients;
    const row: Row = [
      `send ${size / 1000}k against a ${quota.toLocaleString("en")}/s SES quota (paced ${pace}/s)`,
      `${(100 * share.share).toFixed(1)} % of the quota first to last recipient (worst ${WINDOW_SECONDS} s: ${share.worstWindowShare === undefined ? "—" : `${(100 * share.worstWindowShare).toFixed(0)} %`}), ${share.seconds.toFixed(0)} s; ${stats.uniqueRecipients} unique, ${lost} lost, ${stats.duplicates} twice; ${stats.throttledCalls} of ${stats.calls} calls throttled`,
      "≥ 95 %, 0 lost, 0 twice",
    ];
    const { perSecond: _perSecond, ...counts } = stats;
    console.log(markdownTable([row]));
    files.push(
      writePartResult(
        `quota-${quota}`,
        [row],
        { quota, pace, size, seedSeconds, share, counts, fanout },
        loadAverage,
      ),
    );
  }
  await dynamo.stop();
  writeBenchDocs(latestWholeRun(), latestParts());
  console.log(`Written to ${files.join(", ")} and docs/benchmarks.md`);
}
