import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { freePort, startHeraldProcess } from "../helpers/herald-process.js";
import { seedTable } from "./seed-table.js";

/** Readers of the interrupted send; the kill lands when a fifth of them have their email. */
const READERS = 5_000;
const KILL_AT = 1_000;
/** Paced until the kill (so it lands mid-send), then unpaced as the crash test does; lease as there. */
const PACED = { HERALD_SEND_RATE_PER_WORKER: "100", HERALD_CHUNK_LEASE_SECONDS: "30" };
const UNPACED = { ...PACED, HERALD_SEND_RATE_PER_WORKER: "0" };
/** How long `npm start` may take to say it is running (DynamoDB Local's JVM included). */
const START_SECONDS = 180;

/**
 * Polls `read` until `done` says so, but gives up after `seconds` with an error saying what never
 * happened and the last value read: a bench that waits for ever prints nothing. A failed read (a
 * server still starting) is read again, as `until` does.
 */
async function within<T>(
  seconds: number,
  what: string,
  read: () => Promise<T>,
  done: (v: T) => boolean,
  intervalMs = 25,
): Promise<T> {
  const deadline = performance.now() + seconds * 1000;
  let last: unknown = "nothing read yet";
  while (performance.now() < deadline) {
    try {
      const value = await read();
      if (done(value)) return value;
      last = value;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new BenchTimeout(`${what}: not within ${seconds} s (last seen: ${JSON.stringify(last)})`);
}

class BenchTimeout extends Error {}

/**
 * `npm start` killed (SIGKILL) mid-send of 5,000 readers, then started again on its data folder:
 * seconds from the restart to "Herald is running" and to the first email of the interrupted send.
 * Every wait has a deadline; the send must then finish with each reader counted once.
 */
export async function measureRestartToFirstEmail() {
  const dataDir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "herald-bench-restart-"));
  const ports = { api: await freePort(), ses: await freePort(), dynamo: await freePort() };
  let herald = await startHeraldProcess(dataDir, ports, PACED, START_SECONDS);
  try {
    const db = documentClient({ endpoint: herald.dynamo, region: "local", credentials: LOCAL_CREDENTIALS });
    await seedTable(db, "herald", READERS, 8);
    db.destroy();
    const { body, headers, method } = signedWebhook(articleBody({ id: "bench-restart" }));
    const published = await fetch(`${herald.api}/v1/webhooks/articles`, { method, body, headers });
    if (published.status !== 202)
      throw new Error(`publish answered ${published.status}: ${await published.text()}`);
    const { editionId } = (await published.json()) as { editionId: string };
    const view = async () => {
      const res = await fetch(`${herald.api}/v1/editions/${editionId}`, { headers: adminHeaders() });
      return (await res.json()) as {
        status: string;
        counts: { sent: number; unknown: number; planned: number };
      };
    };
    const atKill = await within(
      300,
      `${KILL_AT} sent before the kill`,
      view,
      (v) => v.counts.sent >= KILL_AT,
    );
    await herald.kill();
    const inbox = join(dataDir, "ses", "emails.jsonl");
    const sizeAtKill = statSync(inbox).size;
    const started = performance.now();
    const since = () => (performance.now() - started) / 1000;
    // DynamoDB Local's JVM answering (any HTTP answer) splits "running" into the table's start and Herald's.
    const dynamoUp = within(
      START_SECONDS,
      "DynamoDB Local after the restart",
      async () => {
        await fetch(herald.dynamo);
        return since();
      },
      () => true,
      50,
    );
    herald = await startHeraldProcess(dataDir, ports, UNPACED, START_SECONDS);
    const readySeconds = since();
    const dynamoSeconds = await dynamoUp;
    await within(
      120,
      "the first email after the restart",
      async () => statSync(inbox).size,
      (size) => size > sizeAtKill,
      5,
    );
    const firstEmailSeconds = (performance.now() - started) / 1000;
    const done = await within(300, "the interrupted send to finish", view, (v) => v.status === "sent", 250);
    const finishedSeconds = (performance.now() - started) / 1000;
    if (done.counts.sent + done.counts.unknown !== READERS) {
      throw new Error(`the send finished with ${JSON.stringify(done.counts)} for ${READERS} readers`);
    }
    return {
      readers: READERS,
      sentAtKill: atKill.counts.sent,
      dynamoSeconds,
      readySeconds,
      firstEmailSeconds,
      finishedSeconds,
      sent: done.counts.sent,
      unknown: done.counts.unknown,
    };
  } catch (error) {
    if (error instanceof BenchTimeout) console.error(herald.output().slice(-3000));
    throw error;
  } finally {
    await herald.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
