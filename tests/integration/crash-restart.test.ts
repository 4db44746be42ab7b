import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { LOCAL_CREDENTIALS, startDynamoLocal } from "../../functions/local/dynamodb-local.js";
import { dailyTopics, seedTable } from "../bench/seed-table.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import {
  freePort,
  type HeraldProcess,
  keptInbox,
  startHeraldProcess,
  until,
} from "../helpers/herald-process.js";

/**
 * `npm start` killed with SIGKILL (a laptop crash, an out-of-memory kill) in the middle of a send,
 * then started again on the same data folder: the send finishes, everyone exactly once. Sends are
 * paced (HERALD_SEND_RATE_PER_WORKER) so a kill lands mid-send by watching the counts, not a clock;
 * after each kill the test checks what the dead process left (its inbox, its table) to prove the kill
 * did land mid-send or mid-planning, so a machine too slow or too fast cannot make it pass vacuously.
 */
// Exactly-once across a kill needs chunks in every state at the kill (sent, leased, queued, not yet
// planned), which a few hundred readers in dozens of chunks give as well as 20,000 do. The 20,000 of the
// original report run as `npm run bench -- crash` (this file with HERALD_CRASH_TEST_READERS=20000).
const INSTANT = Number(process.env.HERALD_CRASH_TEST_READERS ?? 540);
// As many (the report had 3,000) so the briefing, paced as the editions, is killed as far from its end.
const DAILY = Math.min(INSTANT, 3_000);
/** 2,100 of 20,000: where the report's kill landed. */
const KILL_AT = Math.round(INSTANT * 0.105);
/** Many small partitions: planning takes many steps, so a kill after the first lands before the last. */
const SHARDS = 32;
const ENV = {
  // Paced so that a send takes about 10 s whatever its size: the kill lands seconds before its end.
  // The restarted process is paced as well, so each scenario starts on the Herald the last one left.
  HERALD_SEND_RATE_PER_WORKER: String(Math.max(1, Math.round(INSTANT / 10))),
  // Longer than a chunk waits for its turn at the paced rate (at most the whole ~10 s send): a lease
  // that ran out while its chunk waited would turn the chunk's recipients `unknown`. Short, since
  // the chunks leased at a kill are sent again only once their lease has run out.
  HERALD_CHUNK_LEASE_SECONDS: "20",
  HERALD_RECOVERY_INTERVAL_SECONDS: "1",
  HERALD_AUDIENCE_SHARDS: String(SHARDS),
  HERALD_BRIEFING_HOUR: "23",
  HERALD_PUBLIC_URL: "https://news.example.test",
};
const LONG = 420_000;

let dataDir: string;
let ports: { api: number; ses: number; dynamo: number };
let herald: HeraldProcess | undefined;

const instantEmails = Array.from({ length: INSTANT }, (_, i) => `reader${i}@bench.example`);
// The planning kill publishes to "technology": a third of the instant readers (`seedTable`'s topics).
const technologyEmails = instantEmails.filter((_, i) => i % 3 === 1);
// A briefing reaches the daily readers of a combination with something new: the editions before it
// are about world, politics and technology.
const dailyEmails = Array.from({ length: DAILY }, (_, i) => i)
  .filter((i) => dailyTopics(i).some((t) => ["world", "politics", "technology"].includes(t)))
  .map((i) => `daily${i}@bench.example`);

type Progress = {
  status: string;
  counts: { planned: number; sent: number; unknown: number; failed: number };
};
const get = async (path: string) =>
  (await (await fetch(`${herald?.api}${path}`, { headers: adminHeaders() })).json()) as Progress;

/** SIGKILL, then how many emails matching `subject` the dead process had handed the stand-in. */
async function kill(subject: (s: string) => boolean) {
  await herald?.kill();
  const inbox = existsSync(join(dataDir, "ses", "emails.jsonl"))
    ? await keptInbox(dataDir, subject)
    : new Map();
  return [...inbox.values()].reduce((a, b) => a + b, 0);
}

async function start() {
  herald = await startHeraldProcess(dataDir, ports, ENV);
}

/** The edition's item as the killed process left it, read from its data folder by a DynamoDB Local of our own. */
async function editionAfterKill(id: string) {
  const dynamo = await startDynamoLocal(await freePort(), join(dataDir, "dynamodb"));
  const db = documentClient({ endpoint: dynamo.endpoint, region: "local", credentials: LOCAL_CREDENTIALS });
  try {
    const out = await db.send(
      new GetCommand({ TableName: "herald", Key: { pk: `ED#${id}`, sk: "EDITION" } }),
    );
    return out.Item as { status: string; planDone?: boolean };
  } finally {
    db.destroy();
    await dynamo.stop();
  }
}

async function publish(id: string, title: string, topics = ["world", "politics"]) {
  const { body, headers, method } = signedWebhook(articleBody({ id, title, topics }));
  const res = await fetch(`${herald?.api}/v1/webhooks/articles`, { method, body, headers });
  expect(res.status).toBe(202);
  return ((await res.json()) as { editionId: string }).editionId;
}

/** Each expected reader once, except the `unknown` ones (at most once); the counts agree with the inbox. */
function expectEveryoneOnce(inbox: Map<string, number>, expected: string[], done: Progress) {
  expect(done.status).toBe("sent");
  expect(done.counts.failed).toBe(0);
  expect(done.counts.planned).toBe(expected.length);
  expect(done.counts.sent + done.counts.unknown).toBe(expected.length);
  expect([...inbox.values()].every((n) => n === 1)).toBe(true);
  const wanted = new Set(expected);
  expect([...inbox.keys()].filter((k) => !wanted.has(k))).toEqual([]);
  expect(inbox.size).toBeGreaterThanOrEqual(done.counts.sent);
  expect(inbox.size).toBeLessThanOrEqual(done.counts.sent + done.counts.unknown);
}

/** Empties the kept inbox once a scenario is checked: every restart loads it back, ~25 KB an email. */
const clearInbox = () => fetch(`${herald?.ses}/clear-store`, { method: "POST" });

beforeAll(async () => {
  // On tmpfs where there is one: DynamoDB Local syncs its file on every write, and seeding is 60,000 writes.
  dataDir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "herald-crash-"));
  ports = { api: await freePort(), ses: await freePort(), dynamo: await freePort() };
  herald = await startHeraldProcess(dataDir, ports, ENV);
  const db = documentClient({ endpoint: herald.dynamo, region: "local", credentials: LOCAL_CREDENTIALS });
  await seedTable(db, "herald", INSTANT, SHARDS);
  await seedTable(db, "herald", DAILY, SHARDS, "daily", "daily");
  db.destroy();
}, LONG);

afterAll(async () => {
  await herald?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start killed mid-send and started again on the same data folder", () => {
  it(
    "finishes an edition killed after a tenth of its sends: each reader once, unknowns never again",
    async () => {
      const id = await publish("crash-send", "Crash test: killed mid-send");
      const subject = (s: string) => s.includes("killed mid-send") && !s.includes("briefing:");
      await until(
        () => get(`/v1/editions/${id}`),
        (p) => p.counts.sent >= KILL_AT,
      );
      const sentAtKill = await kill(subject);
      expect(sentAtKill, "the kill landed after the send").toBeLessThan(instantEmails.length);
      expect(sentAtKill).toBeGreaterThanOrEqual(KILL_AT);
      await start();

      const done = await until(
        () => get(`/v1/editions/${id}`),
        (p) => p.status === "sent",
        250,
      );
      expectEveryoneOnce(await keptInbox(dataDir, subject), instantEmails, done);
      await clearInbox();
    },
    LONG,
  );

  it(
    "finishes an edition killed while it was being planned",
    async () => {
      const id = await publish("crash-plan", "Crash test: killed while planning", ["technology"]);
      const subject = (s: string) => s.includes("killed while planning") && !s.includes("briefing:");
      await until(
        () => get(`/v1/editions/${id}`),
        (p) => p.counts.planned > 0,
        10,
      );
      await kill(subject);
      const atKill = await editionAfterKill(id);
      expect(atKill.planDone, "the kill landed after planning").not.toBe(true);
      await start();

      const done = await until(
        () => get(`/v1/editions/${id}`),
        (p) => p.status === "sent",
        250,
      );
      expectEveryoneOnce(await keptInbox(dataDir, subject), technologyEmails, done);
      await clearInbox();
    },
    LONG,
  );

  it(
    "finishes a daily briefing killed mid-send",
    async () => {
      const res = await fetch(`${herald?.api}/v1/briefings/run`, { method: "POST", headers: adminHeaders() });
      const { briefingId } = (await res.json()) as { briefingId: string };
      const subject = (s: string) => s.includes("briefing:");
      await until(
        () => get(`/v1/briefings/${briefingId}`),
        (p) => p.counts.sent >= Math.round(dailyEmails.length * 0.1),
      );
      const sentAtKill = await kill(subject);
      expect(sentAtKill, "the kill landed after the send").toBeLessThan(dailyEmails.length);
      expect(sentAtKill).toBeGreaterThan(0);
      await start();

      const done = await until(
        () => get(`/v1/briefings/${briefingId}`),
        (p) => p.status === "sent",
        250,
      );
      expectEveryoneOnce(await keptInbox(dataDir, subject), dailyEmails, done);
    },
    LONG,
  );
});
