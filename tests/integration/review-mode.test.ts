import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Timers } from "../../functions/local/timer-scheduler.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { seedSubscribers } from "../helpers/seed.js";
import { clearEmails, countByRecipient, sentEmails } from "../helpers/ses-store.js";

/**
 * Review mode and scheduled sends on DynamoDB Local and the SES stand-in. Article webhooks are
 * reviewed (`HERALD_REVIEW=webhook`). The clock is the real one plus an offset the test moves, and
 * the scheduled-send timers are fired by hand: "when due" is decided by the clock, never by waiting.
 */
let herald: TestHerald;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

/** Timers the test fires: `fire()` runs every armed one, as if its time had come. */
const armed = new Map<number, () => void>();
let nextTimer = 0;
const timers: Timers = {
  set: (fire) => {
    armed.set(++nextTimer, fire);
    return nextTimer;
  },
  clear: (handle) => armed.delete(handle as number),
};
function fireTimers() {
  const due = [...armed.values()];
  armed.clear();
  for (const fire of due) fire();
}

interface View {
  status: string;
  statusReason?: string;
  sendAt?: string;
  heldSince?: string;
  approvedAt?: string;
  supersededBy?: string;
  counts: { planned: number; sent: number };
}

beforeAll(async () => {
  herald = await startHerald({ review: ["webhook"] }, { now, timers });
  await seedSubscribers(herald.ports, 3, ["world"]);
});
afterAll(() => herald.stop());
beforeEach(async () => {
  offsetMs = 0;
  armed.clear();
  await clearEmails(herald.sesEndpoint);
});

async function publish(body: Record<string, unknown>) {
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody(body), undefined, Math.floor(now().getTime() / 1000)),
  );
  expect(res.status).toBe(202);
  await herald.settled();
  return ((await res.json()) as { editionId: string }).editionId;
}
const view = async (id: string) =>
  (await (await herald.app.request(`/v1/editions/${id}`, { headers: adminHeaders() })).json()) as View;
const post = (path: string, body?: unknown) =>
  herald.app.request(path, {
    method: "POST",
    headers: { ...adminHeaders(), "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const inHours = (h: number) => new Date(now().getTime() + h * 3600_000).toISOString();
const readers = async () => [...countByRecipient(await sentEmails(herald.sesEndpoint)).keys()].sort();

describe("a held edition", () => {
  it("is rendered and previewable and test-sendable, and sends nothing until approved", async () => {
    const id = await publish({ id: "rev-1", title: "Held for the editor" });
    expect(await view(id)).toMatchObject({ status: "held", counts: { planned: 0, sent: 0 } });
    expect((await view(id)).heldSince).toBeTruthy();
    expect(await sentEmails(herald.sesEndpoint)).toEqual([]);

    const email = await herald.app.request(`/v1/editions/${id}/email`, { headers: adminHeaders() });
    expect(email.status).toBe(200);
    const preview = (await email.json()) as {
      subject: string;
      preheader: string;
      html: string;
      text: string;
    };
    expect(preview.subject).toBe("Held for the editor");
    expect(preview.html).toContain("Held for the editor");
    expect(`${preview.html}${preview.text}`).not.toMatch(/\{\{/);
    expect(preview.text).toContain(`/v1/editions/${id}/web`);
    expect((await herald.app.request(`/v1/editions/${id}/email`)).status).toBe(401);

    const test = await post(`/v1/editions/${id}/test`, { to: ["editor@example.org"] });
    expect(test.status).toBe(202);
    expect(await readers()).toEqual(["editor@example.org"]);
    await clearEmails(herald.sesEndpoint);

    const approved = await post(`/v1/editions/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ status: "sending" });
    await herald.settled();
    expect(await view(id)).toMatchObject({ status: "sent", counts: { planned: 3, sent: 3 } });
    expect(await readers()).toEqual(["reader0@example.org", "reader1@example.org", "reader2@example.org"]);
  }, 60_000);

  it("is replaced by a newer version of its article: the older is cancelled and never sent", async () => {
    const v1 = await publish({ id: "rev-2", version: "1", title: "First take" });
    const v2 = await publish({ id: "rev-2", version: "2", title: "Corrected take" });
    expect(await view(v1)).toMatchObject({ status: "cancelled", supersededBy: v2 });
    expect(await view(v2)).toMatchObject({ status: "held" });
    expect((await post(`/v1/editions/${v1}/approve`)).status).toBe(409);

    expect((await post(`/v1/editions/${v2}/approve`)).status).toBe(200);
    await herald.settled();
    const emails = await sentEmails(herald.sesEndpoint);
    expect(emails).toHaveLength(3);
    expect(emails.every((e) => e.subject === "Corrected take")).toBe(true);
  }, 60_000);

  it("is discarded by an editor: cancelled, and approving it afterwards is refused", async () => {
    const id = await publish({ id: "rev-3" });
    const res = await post(`/v1/editions/${id}/discard`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "cancelled", statusReason: "discarded by an editor" });
    expect((await post(`/v1/editions/${id}/approve`)).status).toBe(409);
    await herald.settled();
    expect(await sentEmails(herald.sesEndpoint)).toEqual([]);
  }, 60_000);

  it("answers 400 to an approval that is not JSON or whose sendAt is not a date-time", async () => {
    const id = await publish({ id: "rev-4" });
    const notJson = await herald.app.request(`/v1/editions/${id}/approve`, {
      method: "POST",
      headers: adminHeaders(),
      body: "{",
    });
    expect(notJson.status).toBe(400);
    expect((await post(`/v1/editions/${id}/approve`, { sendAt: "tomorrow" })).status).toBe(400);
    expect(await view(id)).toMatchObject({ status: "held" });
  }, 60_000);
});

describe("a scheduled edition", () => {
  it("waits for its time, is moved, and goes when its timer fires after the new time", async () => {
    const id = await publish({ id: "sched-1" });
    const first = inHours(1);
    const res = await post(`/v1/editions/${id}/approve`, { sendAt: first });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "scheduled", sendAt: first });
    expect(armed.size).toBe(1);

    // Rescheduled an hour later: one timer, for the new time.
    const later = inHours(2);
    expect(await (await post(`/v1/editions/${id}/approve`, { sendAt: later })).json()).toMatchObject({
      status: "scheduled",
      sendAt: later,
    });
    expect(armed.size).toBe(1);

    // A fire before its time (the old schedule's) sends nothing and leaves it scheduled.
    offsetMs = 3600_000 + 1000;
    fireTimers();
    await herald.settled();
    expect(await view(id)).toMatchObject({ status: "scheduled" });
    expect(await sentEmails(herald.sesEndpoint)).toEqual([]);

    offsetMs = 2 * 3600_000 + 1000;
    fireTimers();
    await herald.settled();
    expect(await view(id)).toMatchObject({ status: "sent", counts: { sent: 3 } });
    expect(await readers()).toHaveLength(3);
  }, 60_000);

  it("is never sent once cancelled before its time, even if its timer fires", async () => {
    const id = await publish({ id: "sched-2" });
    await post(`/v1/editions/${id}/approve`, { sendAt: inHours(1) });
    const res = await post(`/v1/editions/${id}/cancel`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "cancelled" });
    expect(armed.size).toBe(0);

    offsetMs = 3600_000 + 1000;
    fireTimers();
    await herald.editionQueue.send([{ editionId: id }]); // a stale fire of a schedule that was not deleted
    await herald.settled();
    expect(await view(id)).toMatchObject({ status: "cancelled" });
    expect(await sentEmails(herald.sesEndpoint)).toEqual([]);
  }, 60_000);

  it("sends at once when approved with a sendAt in the past", async () => {
    const id = await publish({ id: "sched-3" });
    const res = await post(`/v1/editions/${id}/approve`, { sendAt: inHours(-1) });
    expect(await res.json()).toMatchObject({ status: "sending" });
    await herald.settled();
    expect(await view(id)).toMatchObject({ status: "sent", counts: { sent: 3 } });
  }, 60_000);

  it("waits for an editor first when its source is reviewed, whatever the webhook's sendAt", async () => {
    const id = await publish({ id: "sched-4", sendAt: inHours(1) });
    expect(await view(id)).toMatchObject({ status: "held" });
    expect((await post(`/v1/editions/${id}/approve`)).status).toBe(200);
    await herald.settled();
    expect(await view(id)).toMatchObject({ status: "sent" });
  }, 60_000);

  it("is scheduled straight from the webhook's sendAt when its source is not reviewed", async () => {
    const review = herald.ports.config.review;
    herald.ports.config.review = [];
    try {
      const sendAt = inHours(1);
      const id = await publish({ id: "sched-5", sendAt });
      expect(await view(id)).toMatchObject({ status: "scheduled", sendAt });
      expect(await sentEmails(herald.sesEndpoint)).toEqual([]);
      // …and a webhook's `review: true` holds that one article all the same.
      const held = await publish({ id: "sched-6", review: true });
      expect(await view(held)).toMatchObject({ status: "held" });

      offsetMs = 3600_000 + 1000;
      fireTimers();
      await herald.settled();
      expect(await view(id)).toMatchObject({ status: "sent", counts: { sent: 3 } });
    } finally {
      herald.ports.config.review = review;
    }
  }, 60_000);
});
