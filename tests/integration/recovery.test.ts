import { afterEach, describe, expect, it } from "vitest";
import type { Ports, RenderJob, SendJob } from "../../functions/flows/ports.js";
import { recoverWork } from "../../functions/flows/recover-work.js";
import { recoveryHandler } from "../../functions/handlers/recover.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { seedSubscribers } from "../helpers/seed.js";
import { countByRecipient, sentEmails } from "../helpers/ses-store.js";
import { inbox, subscribeRequest } from "../helpers/subscription.js";

let herald: TestHerald | undefined;
afterEach(async () => herald?.stop());

const READERS = 230;
const STALL_SECONDS = 300;

/**
 * A Herald whose send queue loses the first chunk message of every edition (as a message that
 * ends in a dead-letter queue is lost to the send), kept in `dlq` for a redrive, and whose
 * clock a test moves past the stall time (the repositories stamp progress with the real time).
 */
async function heraldLosingAChunk() {
  const dlq: SendJob[] = [];
  const lost = new Set<string>();
  let skewMs = 0;
  const h = await startHerald(
    { stallSeconds: STALL_SECONDS },
    {
      now: () => new Date(Date.now() + skewMs),
      wrapPorts: (ports: Ports) => ({
        ...ports,
        sendQueue: {
          send: async (jobs, ...rest) => {
            const kept = jobs.filter((j) => {
              if (lost.has(j.editionId)) return true;
              lost.add(j.editionId);
              dlq.push(j);
              return false;
            });
            return ports.sendQueue.send(kept, ...rest);
          },
        },
      }),
    },
  );
  return { h, dlq, later: () => (skewMs = (STALL_SECONDS + 1) * 1000) };
}

async function publish(h: TestHerald, id: string) {
  const res = await h.app.request("/v1/webhooks/articles", signedWebhook(articleBody({ id })));
  return ((await res.json()) as { editionId: string }).editionId;
}

type View = { status: string; stalledSince?: string; remaining: number; counts: Record<string, number> };
const view = async (h: TestHerald, id: string) =>
  (await (await h.app.request(`/v1/editions/${id}`, { headers: adminHeaders() })).json()) as View;

function expectEveryoneOnce(emails: Awaited<ReturnType<typeof sentEmails>>, expected: string[]) {
  const counts = countByRecipient(emails);
  expect([...counts.keys()].sort()).toEqual([...expected].sort());
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

describe("recovery from stored state (the AWS code paths)", () => {
  it("finishes an edition whose chunk message was dead-lettered, and a redrive of that message sends nobody twice", async () => {
    // Prepare: one chunk's message is lost; everything else is sent and the edition waits.
    const { h, dlq, later } = await heraldLosingAChunk();
    herald = h;
    const readers = await seedSubscribers(h.ports, READERS, ["world"]);
    const id = await publish(h, "lost-chunk");
    await h.settled();
    expect(dlq).toHaveLength(1);
    const stuck = await view(h, id);
    expect(stuck.status).toBe("sending");
    expect(stuck.remaining).toBeGreaterThan(0);
    expect(countByRecipient(await sentEmails(h.sesEndpoint)).size).toBe(READERS - stuck.remaining);

    // Act: past the stall time, the editor sees it stalled; the scheduled handler's pass recovers it.
    later();
    const stalled = await view(h, id);
    expect(stalled).toMatchObject({ status: "stalled", remaining: stuck.remaining });
    expect(Date.parse(stalled.stalledSince as string)).toBeLessThan(Date.now());
    const pass = await recoveryHandler(async () => h.ports)();
    expect(pass).toMatchObject({ requeued: 1, stalled: 1 });
    await h.settled();

    // Assess: sent, everyone once; then the dead-lettered message is redriven: nobody twice.
    expect(await view(h, id)).toMatchObject({ status: "sent", remaining: 0, counts: { sent: READERS } });
    expectEveryoneOnce(await sentEmails(h.sesEndpoint), readers);
    await h.sendQueue.send(dlq);
    await h.settled();
    expectEveryoneOnce(await sentEmails(h.sesEndpoint), readers);
    expect((await view(h, id)).counts).toMatchObject({ sent: READERS, unknown: 0 });
    // Finished work leaves the unfinished-work index: the next pass looks at nothing.
    expect((await recoverWork(h.ports)).entries).toBe(0);
  });

  it("queues a chunk many times over (passes back to back, a redrive among them) and still sends each reader once", async () => {
    const { h, dlq } = await heraldLosingAChunk();
    herald = h;
    const readers = await seedSubscribers(h.ports, READERS, ["world"]);
    await publish(h, "many-times");
    await h.settled();
    // Three passes that judge everything stalled, and the dead letter, all queued before any is worked off.
    await Promise.all([
      recoverWork(h.ports, { olderThanSeconds: 0 }),
      recoverWork(h.ports, { olderThanSeconds: 0 }),
      recoverWork(h.ports, { olderThanSeconds: 0 }),
      h.sendQueue.send(dlq),
    ]);
    await h.settled();
    expectEveryoneOnce(await sentEmails(h.sesEndpoint), readers);
  });

  it("resume: 409 while a sending edition moves, 200 once it is stalled, then sent", async () => {
    const { h, later } = await heraldLosingAChunk();
    herald = h;
    const readers = await seedSubscribers(h.ports, READERS, ["world"]);
    const id = await publish(h, "resume-stalled");
    await h.settled();
    const resume = () =>
      h.app.request(`/v1/editions/${id}/resume`, { method: "POST", headers: adminHeaders() });

    const moving = await resume();
    expect(moving.status).toBe(409);
    expect(((await moving.json()) as { error: { code: string } }).error.code).toBe("conflict");

    later();
    const res = await resume();
    expect(res.status).toBe(200);
    await h.settled();
    expect(await view(h, id)).toMatchObject({ status: "sent", remaining: 0 });
    expectEveryoneOnce(await sentEmails(h.sesEndpoint), readers);
  });

  it("never resumes an edition an editor paused, however long it waits", async () => {
    const { h, later } = await heraldLosingAChunk();
    herald = h;
    await seedSubscribers(h.ports, READERS, ["world"]);
    const id = await publish(h, "paused-stays");
    await h.settled();
    expect(await h.ports.editions.transition(id, ["sending"], "paused", "an editor paused it")).toBe(true);
    const before = (await sentEmails(h.sesEndpoint)).length;
    later();
    const report = await recoverWork(h.ports, { olderThanSeconds: 0 });
    await h.settled();
    expect(report.fanOuts).toEqual([]);
    expect((await view(h, id)).status).toBe("paused");
    expect((await sentEmails(h.sesEndpoint)).length).toBe(before);
  });

  it("a confirmation lost with its queue message is sent exactly once by recovery", async () => {
    let dropped = 0;
    let skewMs = 0;
    herald = await startHerald(
      { stallSeconds: STALL_SECONDS },
      {
        now: () => new Date(Date.now() + skewMs),
        wrapPorts: (ports: Ports) => ({
          ...ports,
          editionQueue: {
            send: async (jobs: RenderJob[], ...rest) => {
              if (dropped === 0 && jobs.some((j) => "confirmSubscriber" in j)) {
                dropped++;
                return;
              }
              return ports.editionQueue.send(jobs, ...rest);
            },
          },
        }),
      },
    );
    const h = herald;
    expect((await subscribeRequest(h, { email: "lost@example.org", topics: ["world"] })).status).toBe(202);
    await h.settled();
    expect(dropped).toBe(1);
    expect(await inbox(h, "lost@example.org")).toHaveLength(0);

    // Not yet stalled: nothing is queued again; past the stall time, once.
    expect((await recoverWork(h.ports)).confirmations).toBe(0);
    skewMs = (STALL_SECONDS + 1) * 1000;
    expect((await recoverWork(h.ports)).confirmations).toBe(1);
    await h.settled();
    expect((await recoverWork(h.ports)).confirmations).toBe(0);
    await h.settled();
    const got = await inbox(h, "lost@example.org");
    expect(got).toHaveLength(1);
    expect(got[0]?.subject).toMatch(/^Confirm your subscription/);
  });
});
