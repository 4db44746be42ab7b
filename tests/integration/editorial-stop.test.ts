import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Counts } from "../../functions/domain/edition.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { heldPacer } from "../helpers/held-pacer.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { seedSubscribers } from "../helpers/seed.js";
import { clearEmails, countByRecipient, sentEmails } from "../helpers/ses-store.js";

/**
 * Pause, resume and cancel of a paced send, against DynamoDB Local and the SES stand-in. The send's
 * pacer is held by the test (`heldPacer`): the first chunk of 50 takes its slot, the others wait for
 * theirs, as behind a low `HERALD_SEND_RATE_PER_WORKER`, until the editor's action has answered and
 * the test lets them go. So the action lands mid-send on any machine, and nothing waits on a clock:
 * the test waits for counts, then compares what reached the stand-in.
 */
const READERS = 200;
let herald: TestHerald;
const pacer = heldPacer();

interface View {
  status: string;
  statusReason?: string;
  counts: Counts;
  health: { bounceRate: number; bounceLimit: number; complaintLimit: number };
  sendRate: Array<{ minute: string; sent: number }>;
}

beforeAll(async () => {
  herald = await startHerald({ audienceShards: 1 }, { wrapPorts: pacer.wrap, sendConcurrency: 2 });
  await seedSubscribers(herald.ports, READERS, ["world"]);
});
// A test that failed half-way must not leave the next one's chunks held.
afterEach(() => pacer.release());
afterAll(() => herald.stop());

const view = async (id: string) =>
  (await (await herald.app.request(`/v1/editions/${id}`, { headers: adminHeaders() })).json()) as View;
const act = (id: string, action: string) =>
  herald.app.request(`/v1/editions/${id}/${action}`, { method: "POST", headers: adminHeaders() });

/** Publishes with the pacer holding every chunk after the first. */
async function publish(articleId: string) {
  pacer.hold(1);
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id: articleId })),
  );
  return ((await res.json()) as { editionId: string }).editionId;
}

/** Polls (no time limit but the test's) until the first chunk is recorded as sent. */
async function firstChunkSent(id: string) {
  for (;;) {
    const v = await view(id);
    if (v.counts.sent >= 50) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const stored = async () => (await sentEmails(herald.sesEndpoint)).length;

describe("pause and resume", () => {
  it("sends nothing after the pause has answered, then everyone exactly once after resume", async () => {
    await clearEmails(herald.sesEndpoint);
    const id = await publish("stop-pause");
    await firstChunkSent(id);

    const paused = await act(id, "pause");
    expect(paused.status).toBe(200);
    const pausedView = (await paused.json()) as View;
    expect(pausedView).toMatchObject({ status: "paused", statusReason: "paused by an editor" });
    const atPause = await stored();
    expect(atPause).toBeLessThan(READERS);
    pacer.release();
    await herald.settled();
    expect(await stored()).toBe(atPause);
    expect((await act(id, "pause")).status).toBe(409);

    expect((await act(id, "resume")).status).toBe(200);
    await herald.settled();
    const done = await view(id);
    expect(done).toMatchObject({ status: "sent", counts: { planned: READERS, sent: READERS, cancelled: 0 } });
    const got = countByRecipient(await sentEmails(herald.sesEndpoint));
    expect(got.size).toBe(READERS);
    expect([...got.values()].every((n) => n === 1)).toBe(true);
    // The chart's counters add up to what was sent.
    expect(done.sendRate.reduce((sum, m) => sum + m.sent, 0)).toBe(READERS);
    expect(done.health).toMatchObject({ bounceRate: 0, bounceLimit: 0.05, complaintLimit: 0.001 });
  }, 120_000);
});

describe("cancel", () => {
  it("hands nothing to SES after the cancel has answered, and the counts add up to the plan", async () => {
    await clearEmails(herald.sesEndpoint);
    const id = await publish("stop-cancel");
    await firstChunkSent(id);

    const res = await act(id, "cancel");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "cancelled" });
    const atCancel = await stored();
    pacer.release();
    await herald.settled();

    // Nothing reached the stand-in after the answer; nobody got two.
    const emails = await sentEmails(herald.sesEndpoint);
    expect(emails).toHaveLength(atCancel);
    expect([...countByRecipient(emails).values()].every((n) => n === 1)).toBe(true);
    const { status, counts } = await view(id);
    expect(status).toBe("cancelled");
    expect(counts.sent).toBe(atCancel);
    expect(counts.cancelled).toBeGreaterThan(0);
    expect(counts.sent + counts.cancelled + counts.unknown + counts.failed + counts.skipped).toBe(
      counts.planned,
    );
    expect(counts.planned).toBe(READERS);
  }, 120_000);

  it("answers 409 to resuming, pausing or cancelling a cancelled edition, 404 to an unknown one", async () => {
    const id = await publish("stop-cancel-twice");
    await firstChunkSent(id);
    expect((await act(id, "cancel")).status).toBe(200);
    pacer.release();
    await herald.settled();
    for (const action of ["resume", "pause", "cancel", "approve", "discard"]) {
      const again = await act(id, action);
      expect(again.status, action).toBe(409);
      expect(((await again.json()) as { error: { code: string } }).error.code).toBe("conflict");
    }
    expect((await act("ed_0000000000000000000000", "cancel")).status).toBe(404);
    expect((await act("not-an-id", "pause")).status).toBe(400);
  }, 120_000);

  it("cancels a paused edition: its parked chunks are counted cancelled, never sent", async () => {
    await clearEmails(herald.sesEndpoint);
    const id = await publish("stop-pause-cancel");
    await firstChunkSent(id);
    expect((await act(id, "pause")).status).toBe(200);
    pacer.release();
    await herald.settled();
    const atPause = await stored();

    expect((await act(id, "cancel")).status).toBe(200);
    await herald.settled();
    expect(await stored()).toBe(atPause);
    const { counts } = await view(id);
    expect(counts).toMatchObject({ planned: READERS, sent: atPause, cancelled: READERS - atPause });
  }, 120_000);
});
