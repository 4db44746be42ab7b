import { simpleParser } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, TEST_PUBLIC_URL, type TestHerald } from "../helpers/herald.js";
import { clearEmails, countByRecipient, emlOf, header, sentEmails } from "../helpers/ses-store.js";
import { importRows } from "../helpers/subscription.js";

let herald: TestHerald;

beforeAll(async () => {
  herald = await startHerald();
  // Prepare: three instant subscribers across two topics, plus two who must not get this article.
  const report = await importRows(herald, [
    ["ana@example.org", "Ana", "world"],
    ["ben@example.org", "Ben", "politics"],
    ["cleo@example.org", "Cleo", "world|politics"],
    ["dev@example.org", "Dev", "culture"],
    ["eve@example.org", "Eve", "world", "daily"],
  ]);
  expect(report).toEqual({ imported: 5, skipped: 0, errors: [] });
});

afterAll(() => herald.stop());
beforeEach(() => clearEmails(herald.sesEndpoint));

async function publish(body: unknown) {
  return herald.app.request("/v1/webhooks/articles", signedWebhook(body));
}

describe("publish → render → fan-out", () => {
  it("sends exactly one email to each subscriber of the article's topics", async () => {
    // Act
    const res = await publish(articleBody({ id: "spine-1" }));
    await herald.settled();

    // Assess
    expect(res.status).toBe(202);
    const { editionId } = (await res.json()) as { editionId: string };
    const emails = await sentEmails(herald.sesEndpoint);
    expect(Object.fromEntries(countByRecipient(emails))).toEqual({
      "ana@example.org": 1,
      "ben@example.org": 1,
      "cleo@example.org": 1,
    });
    const status = await (
      await herald.app.request(`/v1/editions/${editionId}`, { headers: adminHeaders() })
    ).json();
    expect(status).toMatchObject({ status: "sent", counts: { planned: 3, sent: 3, failed: 0, skipped: 0 } });
  });

  it("gives every email the subject, both parts, the one-click headers and no unreplaced placeholder", async () => {
    await publish(articleBody({ id: "spine-2", title: "Parliament votes on the budget" }));
    await herald.settled();

    const emails = await sentEmails(herald.sesEndpoint);
    expect(emails).toHaveLength(3);
    for (const email of emails) {
      const parsed = await simpleParser(await emlOf(herald.sesEndpoint, email.messageId));
      expect(parsed.subject).toBe("Parliament votes on the budget");
      expect(parsed.html).toBeTruthy();
      expect(parsed.text).toBeTruthy();
      const unsubscribe = header(email, "List-Unsubscribe");
      // The edition rides along (`e=`): an unsubscribe through this header is attributed to it.
      expect(unsubscribe).toMatch(
        new RegExp(`^<${TEST_PUBLIC_URL}/v1/unsubscribe\\?token=[\\w.-]+&e=ed_[A-Za-z0-9]{22}>$`),
      );
      expect(header(email, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      expect(header(email, "List-Id")).toMatch(/<news\.herald\.localhost>$/);
      expect(`${parsed.html}${parsed.text}${parsed.subject}`).not.toMatch(/\{\{|\}\}/);
      // The visible link in the body is the same one-click URL as the header.
      const url = (unsubscribe as string).slice(1, -1);
      // SES fills the placeholder unescaped: the `&` before `e=` is raw in the href, as HTML allows there.
      expect(parsed.html).toContain(`href="${url}"`);
      expect(parsed.text).toContain(url);
    }
  });

  it("has a working unsubscribe link: the one-click POST takes effect, the GET changes nothing", async () => {
    await publish(articleBody({ id: "spine-3" }));
    await herald.settled();
    const email = (await sentEmails(herald.sesEndpoint)).find(
      (e) => e.destination.to[0] === "ana@example.org",
    );
    if (!email) throw new Error("Ana got no email");
    const url = new URL((header(email, "List-Unsubscribe") as string).slice(1, -1));

    // A link scanner's GET shows a page and changes nothing.
    const page = await herald.app.request(`${url.pathname}${url.search}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    expect(await subscriberStatus("ana@example.org")).toBe("active");

    // The mailbox provider's one-click POST.
    const post = await herald.app.request(`${url.pathname}${url.search}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(post.status).toBe(200);
    expect(await subscriberStatus("ana@example.org")).toBe("unsubscribed");

    // The next edition does not reach her.
    await clearEmails(herald.sesEndpoint);
    await publish(articleBody({ id: "spine-4" }));
    await herald.settled();
    expect(countByRecipient(await sentEmails(herald.sesEndpoint)).has("ana@example.org")).toBe(false);
  });

  it("turns the same webhook delivered 5 times at once into one edition and one email each", async () => {
    const body = articleBody({ id: "spine-5", topics: ["politics"] });
    const responses = await Promise.all(Array.from({ length: 5 }, () => publish(body)));
    await herald.settled();

    const results = await Promise.all(
      responses.map(async (r) => ({
        http: r.status,
        ...((await r.json()) as { editionId: string; duplicate?: boolean }),
      })),
    );
    expect(results.filter((r) => r.http === 202)).toHaveLength(1);
    expect(results.filter((r) => r.http === 200 && r.duplicate)).toHaveLength(4);
    expect(new Set(results.map((r) => r.editionId)).size).toBe(1);
    expect(Object.fromEntries(countByRecipient(await sentEmails(herald.sesEndpoint)))).toEqual({
      "ben@example.org": 1,
      "cleo@example.org": 1,
    });
  });
});

async function subscriberStatus(email: string) {
  const res = await herald.app.request(`/v1/subscribers/${email}`, { headers: adminHeaders() });
  return ((await res.json()) as { status: string }).status;
}
