import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Counts } from "../../functions/domain/edition.js";
import { subscriberId } from "../../functions/domain/subscriber.js";
import type { Ports } from "../../functions/flows/ports.js";
import type { LocalSesEventBus } from "../../functions/local/ses-event-bus.js";
import { adminHeaders, articleBody, csv, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { clearEmails, countByRecipient, sentEmails } from "../helpers/ses-store.js";

const READERS = Array.from({ length: 110 }, (_, i) => `reader${i}@example.org`);

/**
 * Ten `bounce+n@` addresses that all fall in the first chunk of 50: the audience is walked in id
 * order, so each is picked with an id below the 40th reader's. The first chunk then bounces at 20 %
 * and the edition must stop before the other 70 recipients.
 */
function bouncersInFirstChunk(): string[] {
  const threshold = READERS.map(subscriberId).sort()[39] as string;
  const picked: string[] = [];
  for (let n = 0; picked.length < 10; n++) {
    const address = `bounce+${n}@simulator.amazonses.com`;
    if (subscriberId(address) < threshold) picked.push(address);
  }
  return picked;
}
const BOUNCERS = bouncersInFirstChunk();

let herald: TestHerald;
let sesEvents: LocalSesEventBus | undefined;
let editionId: string;

beforeAll(async () => {
  // One send worker taking one chunk at a time, one audience shard, chunks of 50 (a small quota's:
  // 50, 50, 20 in id order), a sample of 20. Like SES,
  // whose bounces arrive while later chunks still wait, each chunk waits for the feedback of the ones
  // before it (before its claim, which every chunk makes before SES): the test controls when, not
  // whether, the pause is seen.
  herald = await startHerald(
    { audienceShards: 1, pauseMinSample: 20, chunkSize: 50 },
    {
      sendConcurrency: 1,
      queue: { visibilityTimeoutMs: 50, batchSize: 1 },
      wrapPorts: (ports: Ports) => ({
        ...ports,
        chunks: {
          ...ports.chunks,
          claim: async (...args) => {
            await sesEvents?.idle();
            return ports.chunks.claim(...args);
          },
        },
      }),
    },
  );
  sesEvents = herald.sesEvents;
  const rows = [...READERS, ...BOUNCERS].map((email): [string, string, string] => [email, "", "world"]);
  const res = await herald.app.request("/v1/subscribers/import", {
    method: "POST",
    headers: { ...adminHeaders(), "content-type": "text/csv" },
    body: csv(rows),
  });
  expect(await res.json()).toMatchObject({ imported: 120 });
});
afterAll(() => herald.stop());

const edition = async (id: string) =>
  (await (await herald.app.request(`/v1/editions/${id}`, { headers: adminHeaders() })).json()) as {
    status: string;
    statusReason?: string;
    counts: Counts;
  };
const resume = (id: string) =>
  herald.app.request(`/v1/editions/${id}/resume`, { method: "POST", headers: adminHeaders() });

describe("auto-pause on a bounce rate over 5 %", () => {
  it("stops the edition after the first chunk, with the reason, and parks the rest", async () => {
    // Act
    const res = await herald.app.request(
      "/v1/webhooks/articles",
      signedWebhook(articleBody({ id: "pause-1" })),
    );
    ({ editionId } = (await res.json()) as { editionId: string });
    await herald.settled();

    // Assess: paused with its reason; 50 sent, 70 waiting; nothing dead-lettered.
    const paused = await edition(editionId);
    expect(paused.status).toBe("paused");
    // The rate at the moment it crossed: bounces are counted one by one as they arrive.
    expect(paused.statusReason).toMatch(
      /^bounce rate \d+\.\d % \(\d+ of 50 sent\) is over the 5\.0 % limit$/,
    );
    expect(paused.counts).toMatchObject({ planned: 120, sent: 50, bounced: 10 });
    const got = countByRecipient(await sentEmails(herald.sesEndpoint));
    expect(got.size).toBe(50);
    for (const b of BOUNCERS) expect(got.get(b)).toBe(1);
    expect(herald.sendQueue.deadLetters).toEqual([]);
    expect(herald.sendQueue.depth).toBe(0);
  });

  it("answers 409 to a resume of an edition that is not paused, 404 to an unknown one", async () => {
    const other = await herald.app.request("/v1/editions/ed_0000000000000000000000/resume", {
      method: "POST",
      headers: adminHeaders(),
    });
    expect(other.status).toBe(404);
    const unauthorized = await herald.app.request(`/v1/editions/${editionId}/resume`, { method: "POST" });
    expect(unauthorized.status).toBe(401);
  });

  it("sends the rest on resume, each recipient exactly once, and finishes", async () => {
    // Act
    const res = await resume(editionId);
    expect(res.status).toBe(200);
    const view = (await res.json()) as { status: string; statusReason?: string };
    expect(view.status).toBe("sending");
    expect(view.statusReason).toBeUndefined();
    await herald.settled();

    // Assess
    const done = await edition(editionId);
    expect(done).toMatchObject({ status: "sent", counts: { planned: 120, sent: 120, bounced: 10 } });
    const got = countByRecipient(await sentEmails(herald.sesEndpoint));
    expect([...got.keys()].sort()).toEqual([...READERS, ...BOUNCERS].sort());
    expect([...got.values()].every((n) => n === 1)).toBe(true);
    expect(herald.sendQueue.deadLetters).toEqual([]);

    const again = await resume(editionId);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("conflict");
  });

  it("does not pause again while the list is healthy: the bounced ones are suppressed for the next edition", async () => {
    await clearEmails(herald.sesEndpoint);
    const res = await herald.app.request(
      "/v1/webhooks/articles",
      signedWebhook(articleBody({ id: "pause-2" })),
    );
    const { editionId: next } = (await res.json()) as { editionId: string };
    await herald.settled();
    expect(await edition(next)).toMatchObject({
      status: "sent",
      counts: { planned: 110, sent: 110, bounced: 0 },
    });
  });
});
