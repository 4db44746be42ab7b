import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Counts } from "../../functions/domain/edition.js";
import { adminHeaders, articleBody, csv, signedWebhook } from "../helpers/factories.js";
import { heldPacer } from "../helpers/held-pacer.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { bounceDetail, queuedEvents, sesEvent } from "../helpers/ses-events.js";
import { clearEmails, countByRecipient, sentEmails } from "../helpers/ses-store.js";

const BOUNCE = "bounce@simulator.amazonses.com";
const COMPLAINT = "complaint@simulator.amazonses.com";
const SUCCESS = "success@simulator.amazonses.com";
const OOTO = "ooto@simulator.amazonses.com";
const LATE = "bounce+late@simulator.amazonses.com";

let herald: TestHerald;
/** Holds the send workers before they read a chunk's recipients, while planning goes on. */
const pacer = heldPacer();
let firstEdition: string;

beforeAll(async () => {
  herald = await startHerald({}, { wrapPorts: pacer.wrap });
  // Prepare: a reader, and SES's mailbox-simulator addresses, all following "world".
  const res = await herald.app.request("/v1/subscribers/import", {
    method: "POST",
    headers: { ...adminHeaders(), "content-type": "text/csv" },
    body: csv([
      ["ana@example.org", "Ana", "world"],
      [BOUNCE, "", "world"],
      [COMPLAINT, "", "world"],
      [SUCCESS, "", "world"],
      [OOTO, "", "world"],
    ]),
  });
  expect(await res.json()).toMatchObject({ imported: 5 });
  firstEdition = await publish("feedback-1");
});
afterAll(() => herald.stop());

async function publish(id: string) {
  const res = await herald.app.request("/v1/webhooks/articles", signedWebhook(articleBody({ id })));
  const { editionId } = (await res.json()) as { editionId: string };
  await herald.settled();
  return editionId;
}

async function edition(id: string) {
  const res = await herald.app.request(`/v1/editions/${id}`, { headers: adminHeaders() });
  return (await res.json()) as { status: string; counts: Counts };
}

async function subscriber(email: string) {
  const res = await herald.app.request(`/v1/subscribers/${email}`, { headers: adminHeaders() });
  return (await res.json()) as { status: string; softBounces?: number; unsubscribedAt?: string };
}

describe("SES feedback from the mailbox simulator", () => {
  it("suppresses the bounced and the complaining address and counts their events on the edition", async () => {
    expect((await subscriber(BOUNCE)).status).toBe("suppressed");
    const complainer = await subscriber(COMPLAINT);
    expect(complainer.status).toBe("suppressed");
    expect(complainer.unsubscribedAt).toEqual(expect.any(String));
    expect((await edition(firstEdition)).counts).toMatchObject({
      planned: 5,
      sent: 5,
      bounced: 1,
      complained: 1,
      // success, complaint and ooto were delivered; the hard bounce was not.
      delivered: 3,
    });
  });

  it("counts an out-of-office reply as one soft bounce, which alone suppresses nobody", async () => {
    expect(await subscriber(OOTO)).toMatchObject({ status: "active", softBounces: 1 });
  });

  it("leaves suppressed addresses out of the next edition entirely", async () => {
    await clearEmails(herald.sesEndpoint);
    const next = await publish("feedback-2");
    const got = countByRecipient(await sentEmails(herald.sesEndpoint));
    expect(Object.fromEntries(got)).toEqual({ "ana@example.org": 1, [SUCCESS]: 1, [OOTO]: 1 });
    expect((await edition(next)).counts).toMatchObject({ planned: 3, sent: 3, skipped: 0 });
  });

  it("skips, and counts as skipped, an address suppressed after the edition was planned", async () => {
    // Prepare: one more subscriber; hold the send worker, plan an edition that includes them.
    await herald.app.request("/v1/subscribers/import", {
      method: "POST",
      headers: { ...adminHeaders(), "content-type": "text/csv" },
      body: csv([[LATE, "", "world"]]),
    });
    await clearEmails(herald.sesEndpoint);
    pacer.hold(0);
    const res = await herald.app.request(
      "/v1/webhooks/articles",
      signedWebhook(articleBody({ id: "feedback-3" })),
    );
    const { editionId } = (await res.json()) as { editionId: string };
    await herald.editionQueue.idle();
    expect((await edition(editionId)).counts.planned).toBe(4);

    // Act: SES reports a bounce of an earlier message to them while the chunks wait; then sending goes on.
    herald.sesEvents.publish(JSON.stringify(sesEvent("Bounce", LATE, { detail: bounceDetail(LATE) })));
    await herald.sesEvents.idle();
    pacer.release();
    await herald.settled();

    // Assess
    expect((await subscriber(LATE)).status).toBe("suppressed");
    expect(countByRecipient(await sentEmails(herald.sesEndpoint)).has(LATE)).toBe(false);
    expect((await edition(editionId)).counts).toMatchObject({ planned: 4, sent: 3, skipped: 1 });
  });

  it("never makes a bounced address mailable again: not by import, not by signing up", async () => {
    const res = await herald.app.request("/v1/subscribers/import", {
      method: "POST",
      headers: { ...adminHeaders(), "content-type": "text/csv" },
      body: csv([[BOUNCE, "", "world"]]),
    });
    expect(await res.json()).toMatchObject({ imported: 0, skipped: 1 });
    await clearEmails(herald.sesEndpoint);
    const signup = await herald.app.request("/v1/subscribers", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: BOUNCE, topics: ["world"] }),
    });
    expect(signup.status).toBe(202);
    await publish("feedback-4");
    expect((await subscriber(BOUNCE)).status).toBe("suppressed");
    expect(countByRecipient(await sentEmails(herald.sesEndpoint)).has(BOUNCE)).toBe(false);
  });
});

describe("feedback on other kinds of mail", () => {
  it("a confirmation email that bounces suppresses the address, like an edition's", async () => {
    const address = "bounce+signup@simulator.amazonses.com";
    const res = await herald.app.request("/v1/subscribers", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: address, topics: ["world"] }),
    });
    expect(res.status).toBe(202);
    await herald.settled();
    expect((await subscriber(address)).status).toBe("suppressed");
  });
});

describe("redelivered SNS messages", () => {
  it("count once, however often and however concurrently they arrive", async () => {
    const before = (await edition(firstEdition)).counts;
    const record = sesEvent("Delivery", "ana@example.org", {
      messageId: "redelivered-delivery",
      edition: firstEdition,
    });
    const handler = herald.sesEvents.handle;
    await Promise.all([handler(queuedEvents(record)), handler(queuedEvents(record))]);
    await handler(queuedEvents(record));
    herald.sesEvents.publish(JSON.stringify(record));
    await herald.sesEvents.idle();
    const after = (await edition(firstEdition)).counts;
    expect(after.delivered - before.delivered).toBe(1);
    expect(after.bounced).toBe(before.bounced);
  });

  it("many events of one edition at once are each counted exactly once", async () => {
    const before = (await edition(firstEdition)).counts;
    const handler = herald.sesEvents.handle;
    const deliveries = Array.from({ length: 60 }, (_, i) =>
      queuedEvents(
        sesEvent("Delivery", `reader${i}@example.org`, { messageId: `burst-${i}`, edition: firstEdition }),
      ),
    );
    await Promise.all([...deliveries, ...deliveries].map((e) => handler(e)));
    expect((await edition(firstEdition)).counts.delivered - before.delivered).toBe(60);
  });

  it("SES's own Open and Click events (an older deployment's configuration set) are taken and move nothing", async () => {
    const before = (await edition(firstEdition)).counts;
    const handler = herald.sesEvents.handle;
    for (const type of ["Open", "Click"]) {
      await handler(
        queuedEvents(sesEvent(type, "ana@example.org", { messageId: `old-${type}`, edition: firstEdition })),
      );
    }
    expect((await edition(firstEdition)).counts).toEqual(before);
  });

  it("a tagged delivery (its chunk and position) named twice in one batch and again in another counts once", async () => {
    const before = (await edition(firstEdition)).counts;
    const tagged = (position: number, messageId: string) => {
      const e = sesEvent("Delivery", `slot${position}@example.org`, { messageId, edition: firstEdition });
      e.mail.tags = { ...e.mail.tags, chunk: ["t-9"], pos: [String(position)] } as typeof e.mail.tags;
      return e;
    };
    const handle = herald.sesEvents.handle;
    expect(await handle(queuedEvents(tagged(0, "slot-a"), tagged(0, "slot-a"), tagged(1, "slot-b")))).toEqual(
      {
        batchItemFailures: [],
      },
    );
    await handle(queuedEvents(tagged(1, "slot-b"), tagged(2, "slot-c")));
    await Promise.all([handle(queuedEvents(tagged(2, "slot-c"))), handle(queuedEvents(tagged(0, "slot-a")))]);
    expect((await edition(firstEdition)).counts.delivered - before.delivered).toBe(3);
  });

  it("a bounce in a batch of tagged deliveries still suppresses its address and counts on the edition", async () => {
    const address = "batched.bounce@example.org";
    await herald.app.request("/v1/subscribers/import", {
      method: "POST",
      headers: { ...adminHeaders(), "content-type": "text/csv" },
      body: csv([[address, "", "world"]]),
    });
    const before = (await edition(firstEdition)).counts;
    const delivery = sesEvent("Delivery", "slot7@example.org", {
      messageId: "slot-d",
      edition: firstEdition,
    });
    delivery.mail.tags = { ...delivery.mail.tags, chunk: ["t-8"], pos: ["7"] } as typeof delivery.mail.tags;
    const bounce = sesEvent("Bounce", address, {
      messageId: "batched-bounce",
      edition: firstEdition,
      detail: bounceDetail(address),
    });
    await herald.sesEvents.handle(queuedEvents(delivery, bounce));
    expect((await subscriber(address)).status).toBe("suppressed");
    const after = (await edition(firstEdition)).counts;
    expect(after.bounced - before.bounced).toBe(1);
    expect(after.delivered - before.delivered).toBe(1);
  });

  it("count a soft bounce once, and suppress at the third distinct one", async () => {
    const handler = herald.sesEvents.handle;
    const soft = (messageId: string) =>
      queuedEvents(
        sesEvent("Bounce", "ana@example.org", {
          messageId,
          detail: bounceDetail("ana@example.org", "Transient"),
        }),
      );
    await handler(soft("soft-1"));
    await handler(soft("soft-1"));
    await handler(soft("soft-2"));
    expect(await subscriber("ana@example.org")).toMatchObject({ status: "active", softBounces: 2 });
    await Promise.all([handler(soft("soft-3")), handler(soft("soft-3"))]);
    expect(await subscriber("ana@example.org")).toMatchObject({ status: "suppressed", softBounces: 3 });
  });
});
