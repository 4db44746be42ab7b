import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, TEST_PUBLIC_URL, type TestHerald } from "../helpers/herald.js";
import { header } from "../helpers/ses-store.js";
import { inbox, linkIn, pathOf, subscribeRequest } from "../helpers/subscription.js";

let herald: TestHerald;
beforeAll(async () => {
  herald = await startHerald();
});
afterAll(() => herald.stop());

const publish = async (id: string, topics = ["world"]) => {
  await herald.app.request("/v1/webhooks/articles", signedWebhook(articleBody({ id, topics })));
  await herald.settled();
};
const record = async (email: string) =>
  (await (
    await herald.app.request(`/v1/subscribers/${email}`, { headers: adminHeaders() })
  ).json()) as Record<string, unknown> & {
    status: string;
    consent: Record<string, string>;
    topics: string[];
    cadence: string;
  };

describe("the subscriber lifecycle through the HTTP API", () => {
  it("subscribe → confirmation email → confirm → next edition → one-click unsubscribe → nothing after", async () => {
    const address = "lifecycle@example.org";

    // Subscribe: 202, pending, consent recorded.
    const res = await subscribeRequest(
      herald,
      { email: " Lifecycle@Example.org ", topics: ["world"] },
      "203.0.113.7",
    );
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "pending" });
    await herald.settled();
    expect(await record(address)).toMatchObject({
      status: "pending",
      consent: { source: "api", ip: "203.0.113.7", userAgent: "HeraldTest/1.0", textVersion: "1" },
    });

    // The confirmation email: both parts, a confirm link, no list headers (not subscribed yet).
    const [confirmation, ...others] = await inbox(herald, address);
    expect(others).toHaveLength(0);
    expect(confirmation?.subject).toMatch(/^Confirm your subscription/);
    expect(confirmation?.body.html).toContain("/v1/confirm?token=");
    expect(header(confirmation as never, "List-Unsubscribe")).toBeUndefined();
    const confirmUrl = linkIn(confirmation, `${TEST_PUBLIC_URL}/v1/confirm?token=`);

    // Confirm: the link shows a button (a scanner's GET changes nothing); the button's POST confirms.
    const page = await herald.app.request(pathOf(confirmUrl));
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<form method="post" action="\/v1\/confirm\?token=[^"]+"><button/);
    expect((await record(address)).status).toBe("pending");
    const confirmed = await herald.app.request(pathOf(confirmUrl), { method: "POST" });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain("You are subscribed");
    const active = await record(address);
    expect(active.status).toBe("active");
    expect(active.consent.confirmedAt).toEqual(expect.any(String));

    // The next edition arrives.
    await publish("lifecycle-1");
    const edition = (await inbox(herald, address)).find((e) => !e.subject.startsWith("Confirm"));
    expect(edition).toBeDefined();
    const unsubscribe = new URL((header(edition as never, "List-Unsubscribe") as string).slice(1, -1));

    // A link scanner's GET changes nothing; the RFC 8058 POST does.
    expect((await herald.app.request(pathOf(unsubscribe))).status).toBe(200);
    expect((await record(address)).status).toBe("active");
    const post = await herald.app.request(pathOf(unsubscribe), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(post.status).toBe(200);
    expect((await record(address)).status).toBe("unsubscribed");

    // Nothing after.
    const before = (await inbox(herald, address)).length;
    await publish("lifecycle-2");
    expect(await inbox(herald, address)).toHaveLength(before);
  });

  it("answers the same for unknown, pending, active and unsubscribed addresses, and never mails from the request", async () => {
    await subscribeRequest(herald, { email: "known-pending@example.org" });
    await herald.settled();
    let sendsDuringRequests = 0;
    const send = herald.ports.mailer.sendOne;
    herald.ports.mailer.sendOne = async (m) => {
      sendsDuringRequests++;
      return send(m);
    };
    herald.editionQueue.stop(); // confirmations stay queued while we look at the answers
    const answers = [];
    for (const email of ["never-seen@example.org", "known-pending@example.org", "lifecycle@example.org"]) {
      const res = await subscribeRequest(herald, { email });
      answers.push({ status: res.status, type: res.headers.get("content-type"), body: await res.text() });
    }
    herald.ports.mailer.sendOne = send;
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({ status: 202, type: "application/json", body: '{"status":"pending"}' });
    expect(sendsDuringRequests).toBe(0);
  });
});
