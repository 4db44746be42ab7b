import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailboxKey } from "../../functions/domain/mailbox.js";
import { subscriberId } from "../../functions/domain/subscriber.js";
import { issueToken } from "../../functions/domain/tokens.js";
import { adminHeaders } from "../helpers/factories.js";
import { startHerald, TEST_PUBLIC_URL, type TestHerald } from "../helpers/herald.js";
import { sentEmails } from "../helpers/ses-store.js";
import { importRows, inbox, linkIn, pathOf, subscribeRequest } from "../helpers/subscription.js";

let herald: TestHerald;
beforeAll(async () => {
  herald = await startHerald();
});
afterAll(() => herald.stop());

type Record = {
  status: string;
  name?: string;
  topics: string[];
  cadence: string;
  consent: { source: string; ip?: string; userAgent?: string; confirmedAt?: string };
  consentHistory?: Array<{ source: string; ip?: string; confirmedAt?: string }>;
  pendingChange?: { topics: string[] };
};
const record = async (email: string) =>
  (await (
    await herald.app.request(`/v1/subscribers/${email}`, { headers: adminHeaders() })
  ).json()) as Record;

const confirmLink = async (email: string) => {
  const mails = (await inbox(herald, email)).filter((m) => m.subject.startsWith("Confirm"));
  return pathOf(linkIn(mails.at(-1), `${TEST_PUBLIC_URL}/v1/confirm?token=`));
};

describe("sign-up cannot flood an inbox", () => {
  it("sends one confirmation to an inbox however its address is spelled (+tags, dots, googlemail)", async () => {
    const spellings = [
      ...Array.from({ length: 20 }, (_, i) => `mbomb+${i + 1}@gmail.com`),
      "m.bomb@gmail.com",
      "M.B.O.M.B@gmail.com",
      "mbomb@googlemail.com",
    ];
    // One client, as in the report, plus the same spellings from other clients (the per-client limit aside).
    for (const email of spellings) await subscribeRequest(herald, { email }, "198.51.100.200");
    for (const email of spellings) await subscribeRequest(herald, { email });
    await herald.settled();
    const confirmations = (await sentEmails(herald.sesEndpoint)).filter(
      (e) => mailboxKey(e.destination.to[0] ?? "") === "mbomb@gmail.com",
    );
    expect(confirmations).toHaveLength(1);
  });

  it("answers 429 past 10 sign-ups an hour for one inbox, from any mix of clients", async () => {
    const answers = [];
    for (let i = 0; i < 12; i++)
      answers.push((await subscribeRequest(herald, { email: `in.box+${i}@gmail.com` })).status);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(answers.slice(10)).toEqual([429, 429]);
    await herald.settled();
  });

  it("sends no more confirmations in an hour than the configured budget, whatever the addresses", async () => {
    // A fixed clock in the middle of an hour: the budget's window cannot turn over during the test.
    const budgeted = await startHerald(
      { confirmationsPerHour: 3 },
      { now: () => new Date("2026-12-06T10:30:00Z") },
    );
    try {
      for (let i = 0; i < 6; i++) await subscribeRequest(budgeted, { email: `budget${i}@example.org` });
      await budgeted.settled();
      // The stand-in's store is shared by every Herald of this file: count this one's addresses.
      const sent = (await sentEmails(budgeted.sesEndpoint)).filter((e) =>
        e.destination.to[0]?.startsWith("budget"),
      );
      expect(sent).toHaveLength(3);
    } finally {
      await budgeted.stop();
    }
  });
});

describe("a link scanner cannot confirm", () => {
  it("the link's GET shows a button and changes nothing, however often; the button's POST confirms", async () => {
    await subscribeRequest(herald, { email: "scanned@example.org", topics: ["culture"] });
    await herald.settled();
    const link = await confirmLink("scanned@example.org");
    for (let i = 0; i < 3; i++) {
      const page = await herald.app.request(link);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<form method="post"');
      expect(html).toContain("culture");
    }
    expect((await record("scanned@example.org")).status).toBe("pending");
    expect((await herald.app.request(link, { method: "POST" })).status).toBe(200);
    expect((await record("scanned@example.org")).status).toBe("active");
  });

  it("a HEAD, like a GET, changes nothing", async () => {
    await subscribeRequest(herald, { email: "headed@example.org" });
    await herald.settled();
    await herald.app.request(await confirmLink("headed@example.org"), { method: "HEAD" });
    expect((await record("headed@example.org")).status).toBe("pending");
  });
});

describe("a stranger's sign-up cannot rewrite a record", () => {
  it("leaves an unsubscribed reader's record as it is until they confirm; consent is appended, never replaced", async () => {
    await importRows(herald, [["left@example.org", "Lena Left", "world", "daily"]]);
    const leave = issueToken(
      herald.secrets.tokenKeys,
      "unsubscribe",
      subscriberId("left@example.org"),
      0,
      Math.floor(Date.now() / 1000),
    );
    await herald.app.request(`/v1/unsubscribe?token=${leave}`, { method: "POST" });
    const before = await record("left@example.org");
    expect(before).toMatchObject({ status: "unsubscribed", consent: { source: "import" } });

    await subscribeRequest(
      herald,
      { email: "left@example.org", name: "Mallory", topics: ["business"], cadence: "instant" },
      "203.0.113.66",
    );
    await herald.settled();
    const after = await record("left@example.org");
    const { pendingChange, updatedAt: _u1, ...rest } = after as Record & { updatedAt: string };
    const { updatedAt: _u2, ...restBefore } = before as Record & { updatedAt: string };
    expect(rest).toMatchObject({ ...restBefore, confirmationSentAt: expect.any(String) });
    expect(rest).toMatchObject({
      name: "Lena Left",
      topics: ["world"],
      cadence: "daily",
      consent: before.consent,
    });
    expect(pendingChange).toMatchObject({ topics: ["business"] });

    // The reader at that address uses the link: the change takes effect, both consents are kept.
    await herald.app.request(await confirmLink("left@example.org"), { method: "POST" });
    const confirmed = await record("left@example.org");
    expect(confirmed).toMatchObject({
      status: "active",
      name: "Mallory",
      topics: ["business"],
      consent: before.consent,
    });
    expect(confirmed.pendingChange).toBeUndefined();
    expect(confirmed.consentHistory).toEqual([
      expect.objectContaining({ source: "api", ip: "203.0.113.66", confirmedAt: expect.any(String) }),
    ]);
  });

  it("leaves a pending sign-up's name, topics, cadence and consent alone when someone else signs the address up", async () => {
    await subscribeRequest(
      herald,
      { email: "ana@example.org", name: "Ana", topics: ["world"], cadence: "daily" },
      "192.0.2.10",
    );
    await herald.settled();
    const first = await record("ana@example.org");
    await subscribeRequest(
      herald,
      { email: "Ana@Example.org", name: "Not Ana", topics: ["culture"], cadence: "instant" },
      "192.0.2.66",
    );
    await herald.settled();
    const second = await record("ana@example.org");
    expect(second).toMatchObject({
      status: "pending",
      name: "Ana",
      topics: ["world"],
      cadence: "daily",
      consent: { ...first.consent, ip: "192.0.2.10" },
    });
    expect(second.pendingChange?.topics).toEqual(["culture"]);
  });
});
