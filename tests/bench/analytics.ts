import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { addToItem } from "../../functions/adapters/dynamo/counter-items.js";
import { COUNTER_SK, ENGAGEMENT_SHARDS, statsPk } from "../../functions/adapters/dynamo/engagement-keys.js";
import { dynamoEngagementMarks } from "../../functions/adapters/dynamo/engagement-marks.js";
import { engagementWorker } from "../../functions/adapters/sqs/engagement-worker.js";
import { marksTableOf } from "../../functions/domain/config.js";
import { subscriberId } from "../../functions/domain/subscriber.js";
import { issueEmailTrackToken } from "../../functions/domain/tracking/track-token.js";
import { linkKey } from "../../functions/domain/tracking/tracked-html.js";
import { mapConcurrent } from "../../functions/flows/concurrency.js";
import type { EngagementJob } from "../../functions/flows/ports.js";
import { targetLinks } from "../../functions/flows/target-links.js";
import { ensureTables, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { benchRuntime } from "./bench-runtime.js";
import { runChild, startChild } from "./children.js";
import { measureIngestFloor } from "./ingest-floor.js";
import { latencies } from "./latencies.js";
import { processCpuMicros, processTreeCpuMicros } from "./process-cpu.js";
import type { Row } from "./rows.js";

const INGEST_EVENTS = 20_000;
/**
 * As the stack's event source delivers them: up to 1,000 records a batch. One batch at a time here:
 * DynamoDB Local on two shared cores runs concurrent transactions slower than one after another
 * (quiet, batches of 100 after 80 warm ones: 1,638 events/s one at a time, 1,001/s four at once),
 * where on AWS the event source's five concurrent batches each get their own partitions.
 */
const RECORDER_BATCH = 1000;
const RECORDER_CONCURRENCY = 1;
/** DynamoDB Local's transactions run several times slower for its first few thousand items. */
const WARM_BATCHES = 10;
const LATENCY_REQUESTS = 1_000;
/**
 * Stats reads measured: as many as the redirect's, so the p99 is the tenth slowest read and not the
 * third (200 reads of a 586 KB answer on this shared machine put p99 anywhere from 45 to 145 ms).
 */
const STATS_READS = 1_000;
const STATS_RECIPIENTS = 100_000;
const STATS_EVENTS = 1_000_000;

/**
 * Engagement tracking over DynamoDB Local: clicks counted per second by the recorder's handler, fed
 * 1,000-record batches as the SQS event source feeds it (distinct readers: each a mark read, written
 * in the batch's transaction, and the edition's counters once per batch); a tracked link's redirect
 * p50/p99 over HTTP one request at a time, served by a process of its own as the tracking function
 * is (a token check, the email's cached links, a queue send);
 * and the stats endpoint over an edition whose counters hold what 1,000,000 events over 100,000
 * recipients leave: every shard of every timeline bucket of a month (minutes for 48 hours, then
 * hours) and its links, written straight to the counters. Its first read folds the month into the
 * roll-up and is reported apart; the p50/p99 are of the reads after it, made from a process of
 * their own (`read-loop.ts`), with the CPU a read costs each process beside them.
 */
export async function measureAnalytics(dynamoEndpoint: string, sesEndpoint: string, dynamoPid?: number) {
  const table = "bench-analytics";
  await ensureTables(
    new DynamoDBClient({ endpoint: dynamoEndpoint, region: "local", credentials: LOCAL_CREDENTIALS }),
    { tableName: table },
  );
  const { runtime, app } = benchRuntime(table, dynamoEndpoint, sesEndpoint);
  const res = await app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id: "bench-analytics" })),
  );
  const { editionId } = (await res.json()) as { editionId: string };
  await runtime.settled();
  const links = (await targetLinks(runtime.ports, editionId, "")) ?? [];
  if (!links.length) throw new Error("the bench edition has no links");
  const sentAt = Math.floor(Date.now() / 1000);
  const click = (i: number, at: string, link = i % links.length) =>
    `${at}/r/${issueEmailTrackToken(runtime.ports.secrets.tokenKeys, {
      target: editionId,
      variant: "",
      recipient: subscriberId(`reader${i}@bench.example`),
      sentAt,
    })}.${link}`;
  const browser = {
    "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
  };

  // Ingest: the recorder's handler, fed as the event source feeds it (1,000 records a batch),
  // distinct readers clicking the edition's links.
  const marks = dynamoEngagementMarks(
    documentClient({ endpoint: dynamoEndpoint, region: "local", credentials: LOCAL_CREDENTIALS }),
    marksTableOf({ tableName: table }),
  );
  const record = engagementWorker({ ...runtime.ports, marks });
  const at = Date.now();
  const event = (i: number): SQSEvent => ({
    Records: [...Array(RECORDER_BATCH).keys()].map((j) => {
      const n = i * RECORDER_BATCH + j;
      const job: EngagementJob = {
        id: `bench${n}`,
        kind: "click",
        target: editionId,
        recipient: subscriberId(`reader${n}@bench.example`),
        sentAt: Math.floor(at / 1000),
        url: links[n % links.length] as string,
        at: at + n,
        machine: false,
      };
      return { messageId: String(n), body: JSON.stringify(job) } as SQSRecord;
    }),
  });
  const batches = INGEST_EVENTS / RECORDER_BATCH;
  // Warm the code paths and DynamoDB Local's JIT, unmeasured (other readers): its transactions take
  // about five times longer for the first few thousand items than once warm.
  await mapConcurrent([...Array(WARM_BATCHES).keys()], RECORDER_CONCURRENCY, async (i) => {
    await record(event(batches + 10 + i));
  });
  // DynamoDB Local's cores busy over a stretch: its writes take about one, however many requests wait.
  const javaCores = async (work: () => Promise<unknown>) => {
    const [cpu, wall] = [processCpuMicros(dynamoPid), performance.now()];
    await work();
    return (processCpuMicros(dynamoPid) - cpu) / ((performance.now() - wall) * 1000);
  };
  // The least DynamoDB work for the same clicks, with no Herald logic, measured just before.
  let floor = { eventsPerSecond: 0 };
  const floorJavaCores = await javaCores(async () => {
    floor = await measureIngestFloor(
      documentClient({ endpoint: dynamoEndpoint, region: "local", credentials: LOCAL_CREDENTIALS }),
      { main: table, marks: marksTableOf({ tableName: table }) },
      { batches, batchSize: RECORDER_BATCH, concurrency: RECORDER_CONCURRENCY },
    );
  });
  const ingestStart = performance.now();
  let ingestFailures = 0;
  const ingestJavaCores = await javaCores(() =>
    mapConcurrent([...Array(batches).keys()], RECORDER_CONCURRENCY, async (i) => {
      const { batchItemFailures } = await record(event(i));
      ingestFailures += batchItemFailures.length;
    }),
  );
  const eventsPerSecond = INGEST_EVENTS / ((performance.now() - ingestStart) / 1000);

  // The redirect and the stats, one request at a time, from a server process of its own, as the
  // tracking function is on AWS (its hits stay queued there: the recorder is another function).
  const tracking = await startChild("tests/bench/api-server.ts", [dynamoEndpoint, sesEndpoint, table]);
  const base = tracking.endpoint;
  await latencies(
    [...Array(100).keys()].map((i) => click(3_000_000 + i, base)),
    { headers: browser },
  );
  const redirect = await latencies(
    [...Array(LATENCY_REQUESTS).keys()].map((i) => click(2_000_000 + i, base)),
    { headers: browser },
  );

  // The counters of a 100k-recipient, 1M-event edition, every shard of every bucket present.
  const seedStart = performance.now();
  const db = documentClient({ endpoint: dynamoEndpoint, region: "local", credentials: LOCAL_CREDENTIALS });
  const sent = Date.parse("2026-11-01T06:00:00Z");
  const buckets: string[] = [];
  for (let m = 0; m < 48 * 60; m++) buckets.push(new Date(sent + m * 60_000).toISOString().slice(0, 16));
  for (let hour = 48; hour < 30 * 24; hour++)
    buckets.push(new Date(sent + hour * 3_600_000).toISOString().slice(0, 13));
  const perBucket = Math.round(STATS_EVENTS / buckets.length / ENGAGEMENT_SHARDS);
  const writes: Array<() => Promise<void>> = [];
  for (let shard = 0; shard < ENGAGEMENT_SHARDS; shard++) {
    const pk = statsPk(editionId, shard);
    for (const bucket of buckets)
      writes.push(() =>
        addToItem(
          db,
          table,
          { pk, sk: COUNTER_SK.bucket(bucket) },
          {
            clicksHuman: perBucket,
            clicksMachine: 1,
            delivered: 1,
          },
        ),
      );
    for (const url of links)
      writes.push(() =>
        addToItem(
          db,
          table,
          { pk, sk: COUNTER_SK.link(linkKey(url)) },
          { humanUnique: 1_000, humanTotal: 12_000, machineTotal: 500 },
          url,
        ),
      );
    writes.push(() =>
      addToItem(
        db,
        table,
        { pk, sk: COUNTER_SK.message },
        { humanClickers: STATS_RECIPIENTS / 20 / ENGAGEMENT_SHARDS },
      ),
    );
  }
  await mapConcurrent(writes, 32, (w) => w());
  const seedSeconds = (performance.now() - seedStart) / 1000;
  // The first read after a month of events folds every closed bucket into the roll-up (once).
  const firstRead = await latencies([`${base}/v1/editions/${editionId}/stats`], { headers: adminHeaders() });
  // Where a read's CPU goes, on the cores all three share: DynamoDB Local, the server, the client.
  const [dynamoBefore, serverBefore] = [
    processCpuMicros(dynamoPid),
    processTreeCpuMicros(tracking.child.pid),
  ];
  const { cpuMsPerRead, ...stats } = runChild([
    "tests/bench/read-loop.ts",
    `${base}/v1/editions/${editionId}/stats`,
    String(STATS_READS),
    JSON.stringify(adminHeaders()),
  ]) as { p50Ms: number; p99Ms: number; bad: number; cpuMsPerRead: number };
  const statsCpuMs = {
    dynamo: (processCpuMicros(dynamoPid) - dynamoBefore) / 1000 / (STATS_READS + 20),
    server: (processTreeCpuMicros(tracking.child.pid) - serverBefore) / 1000 / (STATS_READS + 20),
    client: cpuMsPerRead,
  };
  tracking.child.kill();
  runtime.stop();
  const counterItems = writes.length;
  const rows: Row[] = [
    [
      `clicks counted by the recorder's handler (${RECORDER_BATCH} a batch, ${RECORDER_CONCURRENCY} at a time, ${INGEST_EVENTS} distinct readers)`,
      `${eventsPerSecond.toFixed(0)} events/s, ${Math.round((100 * eventsPerSecond) / floor.eventsPerSecond)} % of the floor (${floor.eventsPerSecond.toFixed(0)}/s: per 100 a BatchGet and a transaction of 100 Puts, per batch one of the counters, no logic); DynamoDB Local busy ${ingestJavaCores.toFixed(2)} of a core (floor ${floorJavaCores.toFixed(2)})${ingestFailures ? `, ${ingestFailures} failed` : ""}`,
      "≥ 2,000/s",
    ],
    [
      `click redirect GET /r/{token} (token check, cached links, queued; its own process), one at a time (${LATENCY_REQUESTS})`,
      `p50 ${redirect.p50Ms} ms, p99 ${redirect.p99Ms} ms${redirect.bad ? `, ${redirect.bad} errors` : ""}`,
      "p99 ≤ 30 ms",
    ],
    [
      `edition stats GET /v1/editions/{id}/stats (100k recipients, 1M events: ${counterItems} counter items), one at a time (${STATS_READS})`,
      `p50 ${stats.p50Ms} ms, p99 ${stats.p99Ms} ms${stats.bad ? `, ${stats.bad} errors` : ""}; CPU a read: DynamoDB Local ${statsCpuMs.dynamo.toFixed(1)} ms, the server ${statsCpuMs.server.toFixed(1)}, the client ${statsCpuMs.client.toFixed(1)}; the first read, folding the month into its roll-up, ${firstRead.p50Ms} ms`,
      "p99 ≤ 100 ms",
    ],
  ];
  return {
    rows,
    analytics: {
      eventsPerSecond,
      floorEventsPerSecond: floor.eventsPerSecond,
      dynamoCoresBusy: { ingest: ingestJavaCores, floor: floorJavaCores },
      recorderConcurrency: RECORDER_CONCURRENCY,
      ingestFailures,
      redirect,
      stats,
      statsCpuMs,
      firstStatsReadMs: firstRead.p50Ms,
      counterItems,
      seedSeconds,
      buckets: buckets.length,
    },
  };
}
