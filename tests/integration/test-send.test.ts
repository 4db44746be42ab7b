import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Counts } from "../../functions/domain/edition.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { clearEmails, header, sentEmails } from "../helpers/ses-store.js";
import { importRows } from "../helpers/subscription.js";

let herald: TestHerald;
let editionId: string;
let countsBefore: Counts;

beforeAll(async () => {
  // Opens and clicks tracked for readers: a proof for editors is still never tracked.
  herald = await startHerald({ tracking: "opens,clicks" });
  await importRows(herald, [
    ["ana@example.org", "Ana", "world"],
    ["bounce@simulator.amazonses.com", "", "world"],
  ]);
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id: "test-send" })),
  );
  ({ editionId } = (await res.json()) as { editionId: string });
  await herald.settled();
  countsBefore = (await edition()).counts;
  await clearEmails(herald.sesEndpoint);
});
afterAll(() => herald.stop());

const edition = async () =>
  (await (await herald.app.request(`/v1/editions/${editionId}`, { headers: adminHeaders() })).json()) as {
    counts: Counts;
  };
const testSend = (body: unknown, id = editionId, headers: Record<string, string> = adminHeaders()) =>
  herald.app.request(`/v1/editions/${id}/test`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("POST /v1/editions/{id}/test", () => {
  it("sends the edition to those addresses only, skipping suppressed ones, and counts nothing", async () => {
    // Act: an editor, a subscriber, and an address the first edition's bounce suppressed.
    const res = await testSend({
      to: ["Editor@News.example", "ana@example.org", "bounce@simulator.amazonses.com"],
    });
    await herald.settled();

    // Assess
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ sent: 2, skipped: 1, failed: 0 });
    const emails = await sentEmails(herald.sesEndpoint);
    expect(emails.map((e) => e.destination.to[0]).sort()).toEqual(["ana@example.org", "editor@news.example"]);
    for (const e of emails)
      expect(e.subject).toBe("[Test] US Seeks European Input on Ukraine Security Guarantees");
    expect((await edition()).counts).toEqual(countsBefore);
  });

  it("says it is a test and carries no list headers or recipient links, for subscribers too", async () => {
    const emails = await sentEmails(herald.sesEndpoint);
    expect(emails).toHaveLength(2);
    for (const email of emails) {
      for (const name of ["List-Unsubscribe", "List-Unsubscribe-Post", "List-Id"])
        expect(header(email, name), name).toBeUndefined();
      const { html = "", text = "" } = email.body;
      // A banner a reader of the proof cannot miss, in both parts.
      expect(html).toContain("TEST SEND: a proof for editors");
      expect(text.startsWith("TEST SEND: a proof for editors")).toBe(true);
      // No link that claims to unsubscribe or manage anything, and no subscription notice.
      for (const part of [html, text]) {
        expect(part).not.toMatch(/\/v1\/(unsubscribe|preferences)|token=|\{\{|Unsubscribe:|>Unsubscribe</);
        expect(part).not.toContain("You receive this because you subscribed");
        // Never tracked: no redirect through Herald, no pixel.
        expect(part).not.toMatch(/\/r\/|\/o\//);
      }
      expect(html).toContain('href="https://news.example/');
      expect(text).toContain("Readers receive this edition with their own unsubscribe and preference links");
    }
    // The edition's web version is untouched: no banner there.
    const web = await herald.app.request(`/v1/editions/${editionId}/web`);
    expect(await web.text()).not.toContain("TEST SEND");
  });

  it("feeds the test mail's SES events back without touching the edition's counts", async () => {
    await clearEmails(herald.sesEndpoint);
    const res = await testSend({
      to: ["bounce+proof@simulator.amazonses.com", "success@simulator.amazonses.com"],
    });
    await herald.settled();
    expect(await res.json()).toEqual({ sent: 2, skipped: 0, failed: 0 });
    // The bounced proof address is now suppressed for every kind of send.
    const again = await testSend({ to: ["bounce+proof@simulator.amazonses.com"] });
    expect(await again.json()).toEqual({ sent: 0, skipped: 1, failed: 0 });
    expect((await edition()).counts).toEqual(countsBefore);
  });

  it("refuses bad requests with the contract's errors, naming the field", async () => {
    const issues = async (res: Response) => {
      const body = (await res.json()) as { error: { code: string; issues?: Array<{ path: string }> } };
      return [res.status, body.error.code, body.error.issues?.map((i) => i.path)];
    };
    expect(await issues(await testSend({ to: ["not-an-address"] }))).toEqual([
      400,
      "invalid_request",
      ["to.0"],
    ]);
    const eleven = Array.from({ length: 11 }, (_, i) => `e${i}@news.example`);
    expect(await issues(await testSend({ to: eleven }))).toEqual([400, "invalid_request", ["to"]]);
    expect(await issues(await testSend({ to: [] }))).toEqual([400, "invalid_request", ["to"]]);
    expect(await issues(await testSend({}))).toEqual([400, "invalid_request", ["to"]]);
    expect((await testSend("{not json")).status).toBe(400);
    expect((await testSend({ to: ["a@news.example"] }, "ed_0000000000000000000000")).status).toBe(404);
    expect((await testSend({ to: ["a@news.example"] }, "nope")).status).toBe(400);
    expect((await testSend({ to: ["a@news.example"] }, editionId, {})).status).toBe(401);
    expect((await testSend({ to: ["a@news.example"], pad: "x".repeat(20_000) })).status).toBe(413);
  });
});
