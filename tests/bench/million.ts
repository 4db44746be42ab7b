import { loadavg } from "node:os";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { ensureTable, LOCAL_CREDENTIALS, startDynamoLocal } from "../../functions/local/dynamodb-local.js";
import { freePort, runChild, startChild } from "./children.js";
import { markdownTable, writeBenchDocs } from "./docs-table.js";
import { latestParts, latestWholeRun, writePartResult } from "./parts.js";
import type { Row } from "./rows.js";
import { seedTable } from "./seed-table.js";

const SIZES = [10_000, 100_000, 1_000_000];
/** Seeded a slice at a time: seedTable holds a slice's items in memory before writing them. */
const SLICE = 100_000;

/** Seeds `size` instant readers into a fresh table, a slice at a time; returns the seconds it took. */
async function seed(endpoint: string, table: string, size: number) {
  const options = { endpoint, region: "local", credentials: LOCAL_CREDENTIALS };
  await ensureTable(new DynamoDBClient(options), table);
  const db = documentClient(options);
  const started = performance.now();
  for (let done = 0; done < size; done += SLICE) {
    await seedTable(db, table, Math.min(SLICE, size - done), 8, "instant", `m${done / SLICE}-`);
  }
  return (performance.now() - started) / 1000;
}

/**
 * `npm run bench -- 1m [largest]`: one fan-out each at 10,000, 100,000 and 1,000,000 readers (or up
 * to `largest`), each over its own seeded table, planned first and sent after (fanout.ts `split`), in
 * a fresh process with a 256 MB old space. Time per recipient should stay flat as the audience grows
 * tenfold, and so should the Herald process's peak RSS and heap. Seeding the million takes longest.
 */
export async function millionPart(largest = 1_000_000) {
  const loadAverage = loadavg()[0];
  const sizes = [...new Set([...SIZES.filter((s) => s < largest), largest])];
  const dynamo = await startDynamoLocal(await freePort());
  const ses = await startChild("tests/bench/null-ses.ts");
  const runs: Array<Record<string, number>> = [];
  let file = "";
  for (const size of sizes) {
    const table = `bench-scale-${size}`;
    const seedSeconds = await seed(dynamo.endpoint, table, size);
    const r = runChild([
      "tests/bench/fanout.ts",
      table,
      String(size),
      dynamo.endpoint,
      ses.endpoint,
      "split",
    ]);
    runs.push({ ...r, seedSeconds, load: loadavg()[0] as number });
    // Written after every size: a million takes long on a shared machine, and what was measured stays.
    file = writePartResult("1m", scaleRows(runs), runs, loadAverage);
    writeBenchDocs(latestWholeRun(), latestParts());
  }
  ses.child.kill();
  await dynamo.stop();
  console.log(markdownTable(scaleRows(runs)));
  console.log(`Written to ${file} and docs/benchmarks.md`);
}

const us = (seconds: number, n: number) => `${((seconds / n) * 1e6).toFixed(0)} µs`;

/** One row per size: time per recipient (planning apart), wall time, the Herald process's peaks. */
function scaleRows(runs: Array<Record<string, number>>): Row[] {
  return runs.map((r) => [
    `scale: ${(r.size as number).toLocaleString("en")} readers, plan then send`,
    `${us(r.seconds as number, r.sent as number)} per recipient (plan ${us(r.planSeconds as number, r.sent as number)}), ${(r.seconds as number).toFixed(0)} s; peak RSS ${(r.peakRssMb as number).toFixed(0)} MB, heap ${(r.peakHeapMb as number).toFixed(0)} MB (the local queue's chunk bodies at their peak: ${(r.sendQueueBodiesPeakMb as number).toFixed(0)} MB, held by SQS on AWS); ${r.sent} sent; load ${(r.load as number).toFixed(1)}`,
    "flat per recipient and in memory",
  ]);
}
