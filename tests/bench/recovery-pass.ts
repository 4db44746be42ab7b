import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { buildPorts } from "../../functions/adapters/build-ports.js";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { configFromEnv } from "../../functions/adapters/env-config.js";
import { secretsFromEnv } from "../../functions/adapters/env-secrets.js";
import { zeroCounts } from "../../functions/domain/edition.js";
import { mapConcurrent } from "../../functions/flows/concurrency.js";
import type { EditionRecord, RenderJob, SendJob } from "../../functions/flows/ports.js";
import { recoverWork } from "../../functions/flows/recover-work.js";
import { ensureTable, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { MemoryQueue } from "../../functions/local/memory-queue.js";
import { timerScheduler } from "../../functions/local/timer-scheduler.js";
import { articleBody } from "../helpers/factories.js";

const FINISHED = 1_000;
const STALLED = 5;
const CHUNKS_EACH = 20;

/**
 * The recovery pass's cost on a table holding 1,000 finished editions (each with its chunks) and 5
 * stalled ones: it reads the unfinished-work partition only, so the finished ones cost nothing.
 * Median of 5 passes; the stalled editions' chunks go to a queue that is never drained.
 */
export async function measureRecoveryPass(dynamoEndpoint: string) {
  const tableName = "bench-recovery";
  await ensureTable(
    new DynamoDBClient({ endpoint: dynamoEndpoint, region: "local", credentials: LOCAL_CREDENTIALS }),
    tableName,
  );
  const db = documentClient({ endpoint: dynamoEndpoint, region: "local", credentials: LOCAL_CREDENTIALS });
  const sendQueue = new MemoryQueue<SendJob>({ name: "bench-sends" });
  const editionQueue = new MemoryQueue<RenderJob>({ name: "bench-editions" });
  const ports = buildPorts({
    config: { ...configFromEnv({}), tableName },
    secrets: secretsFromEnv({}),
    db,
    ses: new SESv2Client({ region: "local", credentials: LOCAL_CREDENTIALS }),
    editionQueue,
    scheduler: timerScheduler(editionQueue, () => new Date()),
    sendQueue,
    socialQueue: new MemoryQueue({ name: "bench-social" }),
    engagementQueue: new MemoryQueue({ name: "bench-engagement" }),
    log: new Logger({ serviceName: "bench", logLevel: "ERROR" }),
  });
  const long = new Date(Date.now() - 86_400_000).toISOString();
  const edition = (i: number, status: "sent" | "sending"): EditionRecord => ({
    id: `ed_bench${String(i).padStart(18, "0")}`,
    article: articleBody({ id: `bench-${i}` }) as unknown as EditionRecord["article"],
    status,
    counts: { ...zeroCounts(), planned: CHUNKS_EACH * 50 },
    createdAt: long,
    updatedAt: long,
    plan: {},
    planDone: true,
    chunksTotal: CHUNKS_EACH,
    chunksDone: status === "sent" ? CHUNKS_EACH : 0,
  });
  const all = Array.from({ length: FINISHED + STALLED }, (_, i) =>
    edition(i, i < FINISHED ? "sent" : "sending"),
  );
  await mapConcurrent(all, 16, async (e) => {
    await ports.editions.create(e);
    for (let c = 0; c < CHUNKS_EACH; c++) {
      const recipients = Array.from({ length: 50 }, (_, r) => `s${c}-${r}`);
      await ports.chunks.createOrGet(e.id, `p#${String(c).padStart(6, "0")}`, recipients, `k${c}`);
    }
  });
  const runs: number[] = [];
  let report: Awaited<ReturnType<typeof recoverWork>> | undefined;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    report = await recoverWork(ports, { olderThanSeconds: 0 });
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  db.destroy();
  return {
    finishedEditions: FINISHED,
    stalledEditions: STALLED,
    /** Editions and chunks in the table: what a pass that scanned would read. */
    itemsWritten: all.length * (1 + CHUNKS_EACH),
    entriesRead: report?.entries ?? 0,
    chunksRequeuedPerPass: report?.fanOuts.reduce((n, f) => n + f.chunks, 0) ?? 0,
    passP50Ms: runs[2] as number,
    allMs: runs.map((ms) => Math.round(ms)),
  };
}
