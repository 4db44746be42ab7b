import { afterEach, describe, expect, it } from "vitest";
import type { Ports } from "../../functions/flows/ports.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { seededRandom, seedSubscribers } from "../helpers/seed.js";
import { injectSesThrottling } from "../helpers/ses-faults.js";
import { clearEmails, countByRecipient, sentEmails } from "../helpers/ses-store.js";

let herald: TestHerald | undefined;
afterEach(async () => herald?.stop());

const TOPIC_SETS = [["world"], ["politics"], ["world", "politics"], ["business", "world"], ["culture"]];
const READERS = 400;

describe("daily briefing under faults", () => {
  it("resumes a run whose planner and senders died half-way, without sending anyone two briefings", async () => {
    // Prepare: the planner dies on its third queueing, the start dies once before queueing the job,
    // SES throttles, and send workers die right after recording a chunk.
    let clock = new Date("2026-11-24T09:00:00Z");
    const random = seededRandom(7);
    let plannerDeaths = 0;
    let startDeaths = 0;
    let sendQueueCalls = 0;
    let workerDeaths = 0;
    herald = await startHerald(
      {},
      {
        now: () => clock,
        queue: { visibilityTimeoutMs: 20, maxReceives: 50 },
        configureSes: (client) =>
          injectSesThrottling(client, random, { callThrottle: 0.2, entryThrottle: 0.05 }),
        wrapPorts: (ports: Ports) => ({
          ...ports,
          editionQueue: {
            send: async (jobs, ...rest) => {
              if (jobs.some((j) => "briefingId" in j) && startDeaths === 0) {
                startDeaths++;
                throw new Error("died before queueing the briefing job");
              }
              return ports.editionQueue.send(jobs, ...rest);
            },
          },
          sendQueue: {
            send: async (jobs, ...rest) => {
              if (jobs.some((j) => j.editionId.startsWith("br_")) && ++sendQueueCalls === 3) {
                plannerDeaths++;
                throw new Error("planner died while queueing");
              }
              return ports.sendQueue.send(jobs, ...rest);
            },
          },
          chunks: {
            ...ports.chunks,
            record: async (...args) => {
              const recorded = await ports.chunks.record(...args);
              if (args[0].editionId.startsWith("br_") && random() < 0.2) {
                workerDeaths++;
                throw new Error("worker died after recording its chunk");
              }
              return recorded;
            },
          },
        }),
      },
    );
    const emails = await seedSubscribers(
      herald.ports,
      READERS,
      (i) => TOPIC_SETS[i % TOPIC_SETS.length] as string[],
      {
        cadence: "daily",
      },
    );
    for (const [id, topics] of [
      ["w", ["world"]],
      ["p", ["politics"]],
      ["b", ["business"]],
    ] as const) {
      const res = await herald.app.request(
        "/v1/webhooks/articles",
        signedWebhook(articleBody({ id, topics, title: `Story ${id}` }), undefined, clock.getTime() / 1000),
      );
      expect(res.status).toBe(202);
    }
    await herald.settled();
    await clearEmails(herald.sesEndpoint);

    // Act: the run dies before queueing; the schedule (or an editor) runs it again.
    clock = new Date("2026-11-25T07:00:00Z");
    const first = await herald.app.request("/v1/briefings/run", { method: "POST", headers: adminHeaders() });
    const second = await herald.app.request("/v1/briefings/run", { method: "POST", headers: adminHeaders() });
    await herald.settled();

    // Assess: every faulty path was taken, and each reader whose topics had news got exactly one.
    expect(first.status).toBe(500);
    expect(await second.json()).toMatchObject({ briefingId: "br_20261125", created: false });
    expect([startDeaths, plannerDeaths]).toEqual([1, 1]);
    expect(workerDeaths).toBeGreaterThan(0);
    const withNews = emails.filter(
      (_, i) => (TOPIC_SETS[i % TOPIC_SETS.length] as string[])[0] !== "culture",
    );
    const counts = countByRecipient(await sentEmails(herald.sesEndpoint));
    expect([...counts.keys()].sort()).toEqual([...withNews].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const status = await herald.app.request("/v1/briefings/br_20261125", { headers: adminHeaders() });
    expect(await status.json()).toMatchObject({
      status: "sent",
      renders: 4,
      counts: { planned: withNews.length, sent: withNews.length, unknown: 0, failed: 0 },
    });
    expect(herald.sendQueue.deadLetters).toEqual([]);
  });
});
