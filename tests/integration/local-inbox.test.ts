import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeHtml } from "../../functions/domain/text.js";
import { localInboxRoutes } from "../../functions/local/inbox/inbox-routes.js";
import { articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { seedSubscribers } from "../helpers/seed.js";
import { header, type StoredEmail, sentEmails } from "../helpers/ses-store.js";

// The SES stand-in runs in this process (as under `npm start`): the inbox view reads its store.
const HOSTILE = `<script>alert("x")</script> & 'quotes' <img src=x onerror=alert(1)>`;
let herald: TestHerald;
let email: StoredEmail;
const inbox = localInboxRoutes();

const page = async (path: string) => {
  const res = await inbox.request(path);
  return { res, html: await res.text() };
};
const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

beforeAll(async () => {
  herald = await startHerald();
  await seedSubscribers(herald.ports, 1, ["world"], { prefix: "inbox-reader" });
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id: "hostile", title: HOSTILE, topics: ["world"] })),
  );
  expect(res.status).toBe(202);
  await herald.settled();
  [email] = (await sentEmails(herald.sesEndpoint)) as [StoredEmail];
  expect(email.subject).toContain("<script>");
}, 120_000);
afterAll(() => herald?.stop());

describe("the local inbox view", () => {
  it("lists the received emails with their subjects escaped", async () => {
    // Act
    const { res, html } = await page("/local/inbox");

    // Assess
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(html).toContain("inbox-reader0@example.org");
    expect(html).toContain(`href="/local/inbox/${encodeURIComponent(email.messageId)}"`);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;");
    expect(html).not.toMatch(/<script|<img/i);
  });

  it("shows an email's list headers, both parts, its HTML in a sandboxed frame and the raw message", async () => {
    // Act
    const { res, html } = await page(`/local/inbox/${encodeURIComponent(email.messageId)}`);
    const raw = await (await inbox.request(`/local/inbox/${encodeURIComponent(email.messageId)}/raw`)).text();

    // Assess: nothing of the email is markup on this page; the frame holds exactly the HTML part.
    expect(res.status).toBe(200);
    expect(html).not.toMatch(/<script|<img/i);
    const unsubscribe = header(email, "List-Unsubscribe") as string;
    expect(html).toContain(`<th scope="row">List-Unsubscribe</th><td>${escapeHtml(unsubscribe)}</td>`);
    expect(html).toContain("List-Unsubscribe-Post");
    const frame = html.match(/<iframe [^>]*sandbox="([^"]*)" srcdoc="([^"]*)"/);
    expect(frame?.[1]).not.toContain("allow-scripts");
    expect(frame?.[1]).not.toContain("allow-same-origin");
    expect(unescapeHtml(frame?.[2] ?? "")).toBe(email.body.html);
    expect(html).toContain(`<pre>${escapeHtml(email.body.text ?? "")}</pre>`);
    expect(raw).toMatch(/^List-Unsubscribe:\s/m);
    expect(raw).toMatch(/^Subject: /m);
    expect(html).toContain("<details><summary>Show the raw message</summary><pre>");
  });

  it("answers 404 for an email it does not have", async () => {
    expect((await inbox.request("/local/inbox/no-such-email")).status).toBe(404);
    expect((await inbox.request("/local/inbox/no-such-email/raw")).status).toBe(404);
  });
});
