import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { emlOf, header, type StoredEmail, sentEmails } from "../helpers/ses-store.js";
import { importRows } from "../helpers/subscription.js";

let herald: TestHerald;
let email: StoredEmail;
let editionId: string;

const HOSTILE = articleBody({
  id: "hostile-1",
  title: "Budget vote\r\nBcc: victim@example.org {{unsubscribeUrl}}",
  summary: "Summary with {{{evil}}} and <script>alert(1)</script>",
  bodyHtml: [
    "<p>Intro</p>",
    "<script>document.cookie</script>",
    '<img src="https://news.example/x.jpg" onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(2)">click 2</a>',
    "<p>{{preferencesUrl}} and {{name}}</p>",
    '<iframe src="https://evil.example"></iframe>',
  ].join(""),
});

beforeAll(async () => {
  herald = await startHerald();
  await importRows(herald, [["reader@example.org", "Reader", "world"]]);
  const res = await herald.app.request("/v1/webhooks/articles", signedWebhook(HOSTILE));
  editionId = ((await res.json()) as { editionId: string }).editionId;
  await herald.settled();
  const emails = await sentEmails(herald.sesEndpoint);
  expect(emails).toHaveLength(1);
  email = emails[0] as StoredEmail;
});
afterAll(() => herald.stop());

describe("hostile article content comes out harmless", () => {
  it("cannot inject headers or recipients through the title", async () => {
    const parsed = await simpleParser(await emlOf(herald.sesEndpoint, email.messageId));
    expect(parsed.subject).not.toMatch(/[\r\n]/);
    expect(parsed.headers.has("bcc")).toBe(false);
    expect(email.destination.to).toEqual(["reader@example.org"]);
    expect(email.destination.bcc ?? []).toEqual([]);
  });

  it("keeps no script, event handler or javascript: URL in the HTML", () => {
    const html = email.body.html ?? "";
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<iframe/i);
  });

  it("does not let article text fill in per-recipient placeholders", () => {
    const unsubscribeUrl = (header(email, "List-Unsubscribe") as string).slice(1, -1);
    // The real link appears once in the footer; the one in the title stayed inert text.
    const occurrences = (email.body.text ?? "").split(unsubscribeUrl).length - 1;
    expect(occurrences).toBe(1);
    expect(email.subject).not.toContain(unsubscribeUrl);
    expect(`${email.subject}${email.body.html}${email.body.text}`).not.toMatch(/\{\{|\}\}/);
  });

  it("serves a web version with the same content made harmless, under a no-script CSP, without personal links", async () => {
    const res = await herald.app.request(`/v1/editions/${editionId}/web`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain("Budget vote");
    expect(html).not.toMatch(/<script|onerror|javascript:|<iframe/i);
    expect(html).not.toMatch(/unsubscribe\?token=|preferences\?token=/);
  });
});
