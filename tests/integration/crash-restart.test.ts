import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
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
 * paced (HERALD_SEND_RATE_PER_WORKER) so a kill lands mid-send by watching the counts, not a clock.
 */
// The numbers; `HERALD_CRASH_TEST_READERS` scales them down for a quick look on a slow machine.
const INSTANT = Number(process.env.HERALD_CRASH_TEST_READERS ?? 20_000);
const DAILY = Math.round(INSTANT * 0.15);
/** 2,100 of 20,000: where the kill landed. */
const KILL_AT = Math.round(INSTANT * 0.105);
const ENV = {
  // Paced until the kill, so it lands mid-send; the restarted process sends unpaced (UNPACED).
  HERALD_SEND_RATE_PER_WORKER: "100",
  // Longer than a chunk waits for its turn at the paced rate (a batch of 10 chunks at 25/s is 20 s):
  // a lease that ran out while its chunk waited would turn the chunk's recipients `unknown`.
  HERALD_CHUNK_LEASE_SECONDS: "30",
  HERALD_RECOVERY_INTERVAL_SECONDS: "2",
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

/** After the kill: the same data folder, sending as fast as the machine allows (0 = unpaced). */
const UNPACED = { ...ENV, HERALD_SEND_RATE_PER_WORKER: "0" };

async function restart(env: Record<string, string> = UNPACED) {
  await herald?.kill();
  herald = await startHeraldProcess(dataDir, ports, env);
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
  await seedTable(db, "herald", INSTANT, 8);
  await seedTable(db, "herald", DAILY, 8, "daily", "daily");
  db.destroy();
}, LONG);

afterAll(async () => {
  await herald?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start killed mid-send and started again on the same data folder", () => {
  it(
    "finishes an edition killed after 2,100 of 20,000 sends: each reader once, unknowns never again",
    async () => {
      const id = await publish("crash-send", "Crash test: killed mid-send");
      const atKill = await until(
        () => get(`/v1/editions/${id}`),
        (p) => p.counts.sent >= KILL_AT,
      );
      await restart();
      expect(atKill.counts.sent).toBeLessThan(INSTANT);

      const done = await until(
        () => get(`/v1/editions/${id}`),
        (p) => p.status === "sent",
        250,
      );
      expectEveryoneOnce(
        await keptInbox(dataDir, (s) => s.includes("killed mid-send") && !s.includes("briefing:")),
        instantEmails,
        done,
      );
      await clearInbox();
    },
    LONG,
  );

  it(
    "finishes an edition killed while it was being planned",
    async () => {
      await restart(ENV);
      const id = await publish("crash-plan", "Crash test: killed while planning", ["technology"]);
      const atKill = await until(
        () => get(`/v1/editions/${id}`),
        (p) => p.counts.planned > 0,
        10,
      );
      await restart();
      expect(atKill.counts.planned).toBeLessThan(technologyEmails.length);

      const done = await until(
        () => get(`/v1/editions/${id}`),
        (p) => p.status === "sent",
        250,
      );
      expectEveryoneOnce(
        await keptInbox(dataDir, (s) => s.includes("killed while planning") && !s.includes("briefing:")),
        technologyEmails,
        done,
      );
      await clearInbox();
    },
    LONG,
  );

  it(
    "finishes a daily briefing killed mid-send",
    async () => {
      await restart(ENV);
      const res = await fetch(`${herald?.api}/v1/briefings/run`, { method: "POST", headers: adminHeaders() });
      const { briefingId } = (await res.json()) as { briefingId: string };
      const atKill = await until(
        () => get(`/v1/briefings/${briefingId}`),
        (p) => p.counts.sent >= Math.round(dailyEmails.length * 0.1),
      );
      await restart();
      expect(atKill.counts.sent).toBeLessThan(dailyEmails.length);

      const done = await until(
        () => get(`/v1/briefings/${briefingId}`),
        (p) => p.status === "sent",
        250,
      );
      expectEveryoneOnce(await keptInbox(dataDir, (s) => s.includes("briefing:")), dailyEmails, done);
    },
    LONG,
  );
});
