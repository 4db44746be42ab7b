import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../functions/domain/config.js";
import { mailboxKey } from "../../functions/domain/mailbox.js";
import { subscriberId } from "../../functions/domain/subscriber.js";
import { issueToken } from "../../functions/domain/tokens.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { header, sentEmails } from "../helpers/ses-store.js";
import { importRows } from "../helpers/subscription.js";

let herald: TestHerald;
let editionId: string;

/** A Herald with one edition to share; `gone@` is erased (suppressed), `left@` unsubscribed. */
async function heraldWithEdition(config: Partial<Config> = {}) {
  const h = await startHerald(config);
  await importRows(h, [
    ["gone@example.org", "", "culture"],
    ["left@example.org", "", "culture"],
  ]);
  await h.app.request("/v1/subscribers/gone@example.org", { method: "DELETE", headers: adminHeaders() });
  const leave = issueToken(
    h.secrets.tokenKeys,
    "unsubscribe",
    subscriberId("left@example.org"),
    0,
    Math.floor(Date.now() / 1000),
  );
  await h.app.request(`/v1/unsubscribe?token=${leave}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  const res = await h.app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id: "share-email-1", topics: ["culture"] })),
  );
  const { editionId: id } = (await res.json()) as { editionId: string };
  await h.settled();
  return { h, id };
}

beforeAll(async () => {
  ({ h: herald, id: editionId } = await heraldWithEdition());
});
afterAll(() => herald.stop());

let client = 0;
const share = (body: Record<string, unknown>, ip = `203.0.113.${++client}`, to = herald) =>
  to.app.request("/v1/share/email", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify(body),
  });

describe("email this article to a friend", () => {
  it("sends the fixed email to each friend, skips suppressed and unsubscribed addresses silently, counts the share", async () => {
    const res = await share({
      editionId,
      to: ["friend@example.org", "gone@example.org", "left@example.org"],
      fromName: "Ana",
      message: "Thought of you <b>when</b> I read this.",
    });

    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "accepted" });
    const emails = await sentEmails(herald.sesEndpoint);
    expect(emails.map((e) => e.destination.to[0])).toEqual(["friend@example.org"]);
    const [email] = emails;
    // The subject is the newsroom's; the reader's name is only in the body.
    expect(email?.subject).toBe(
      "A reader shared an article from The Daily Herald: US Seeks European Input on Ukraine Security Guarantees",
    );
    expect(email?.body.text).toContain("Ana thought you would like this article");
    expect(email?.from).toContain("news@herald.localhost");
    expect(email?.body.text).toContain("utm_source=email");
    expect(email?.body.html).toContain("Thought of you &lt;b&gt;when&lt;/b&gt; I read this.");
    expect(header(email as never, "List-Unsubscribe")).toBeUndefined();
    const edition = (await (
      await herald.app.request(`/v1/editions/${editionId}`, { headers: adminHeaders() })
    ).json()) as {
      shares: Record<string, number>;
    };
    expect(edition.shares.email).toBe(1);
  });

  it.each([
    ["six recipients", { to: ["a@x.org", "b@x.org", "c@x.org", "d@x.org", "e@x.org", "f@x.org"] }, "to"],
    ["a note over 500 characters", { message: "x".repeat(501) }, "message"],
    ["a link in the note", { message: "win money at https://spam.example" }, "message"],
    ["an address as the name", { fromName: "boss@bank.example" }, "fromName"],
    ["a shortener in the note", { message: "claim it: bit.ly/3xYz" }, "message"],
    ["a bare domain in the note", { message: "go to prize-claim.shop/win" }, "message"],
    ["a fullwidth-dot domain in the note", { message: "evil\uff0ecom/win" }, "message"],
    ["an ideographic-dot domain in the name", { fromName: "evil\u3002com" }, "fromName"],
    ["a domain hidden by a zero-width space in the name", { fromName: "bit.\u200bly" }, "fromName"],
    ["an invalid friend", { to: ["not-an-address"] }, "to.0"],
  ])("refuses %s with a 400 naming the field, and sends nothing", async (_, override, path) => {
    const before = (await sentEmails(herald.sesEndpoint)).length;
    const res = await share({ editionId, to: ["friend2@example.org"], fromName: "Ana", ...override });
    expect(res.status).toBe(400);
    expect(
      ((await res.json()) as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path),
    ).toContain(path);
    expect(await sentEmails(herald.sesEndpoint)).toHaveLength(before);
  });

  it("limits each client to 10 shares an hour", async () => {
    const answers = [];
    for (let i = 0; i < 21; i++)
      answers.push(
        (await share({ editionId, to: [`f${i}@example.org`], fromName: "Ana" }, "198.51.100.77")).status,
      );
    expect(answers.filter((s) => s === 202).length).toBeLessThanOrEqual(20);
    expect(answers).toContain(429);
  });

  it("sends one inbox at most 3 share emails a day, however its address is spelled and whoever sends", async () => {
    const spellings = [
      "bomb@gmail.com",
      "bomb+1@gmail.com",
      "Bomb+2@gmail.com",
      "b.omb@gmail.com",
      "bo.mb+3@googlemail.com",
      "bomb+4@gmail.com",
      "BOMB@googlemail.com",
      "b.o.m.b@gmail.com",
    ];
    for (const [i, to] of spellings.entries()) {
      // One reader per request, each from its own client address: the per-client limit plays no part.
      expect((await share({ editionId, to: [to], fromName: `Reader ${i}` })).status).toBe(202);
    }
    // One request naming several spellings of one inbox is one friend.
    await share({
      editionId,
      to: ["other@example.org", "other+a@example.org", "Other+b@Example.org"],
      fromName: "Ana",
    });

    const emails = await sentEmails(herald.sesEndpoint);
    const to = (key: string) => emails.filter((e) => mailboxKey(e.destination.to[0] ?? "") === key);
    expect(to("bomb@gmail.com")).toHaveLength(3);
    expect(to("other@example.org")).toHaveLength(1);
  });

  it("answers 404 for an unknown edition", async () => {
    expect(
      (await share({ editionId: "ed_0000000000000000000000", to: ["x@example.org"], fromName: "Ana" }))
        .status,
    ).toBe(404);
  });
});

describe("the feature's daily budget", () => {
  it("refuses with 429 once the day's emails are spent (every recipient counts), and 0 turns it off", async () => {
    const { h, id } = await heraldWithEdition({ shareEmailsPerDay: 3 });
    try {
      const first = await share(
        { editionId: id, to: ["a@example.org", "b@example.org"], fromName: "Ana" },
        undefined,
        h,
      );
      const second = await share(
        { editionId: id, to: ["c@example.org", "d@example.org"], fromName: "Bo" },
        undefined,
        h,
      );
      expect(first.status).toBe(202);
      expect(second.status).toBe(429);
      expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await sentEmails(h.sesEndpoint)).map((e) => e.destination.to[0]).sort()).toEqual([
        "a@example.org",
        "b@example.org",
      ]);

      h.config.shareEmailsPerDay = 0;
      const off = await share({ editionId: id, to: ["e@example.org"], fromName: "Cy" }, undefined, h);
      expect(off.status).toBe(404);
      expect(await sentEmails(h.sesEndpoint)).toHaveLength(2);
    } finally {
      await h.stop();
    }
  });
});
