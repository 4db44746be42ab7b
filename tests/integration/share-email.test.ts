import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { header, sentEmails } from "../helpers/ses-store.js";
import { importRows } from "../helpers/subscription.js";

let herald: TestHerald;
let editionId: string;

beforeAll(async () => {
  herald = await startHerald();
  await importRows(herald, [["gone@example.org", "", "culture"]]);
  await herald.app.request("/v1/subscribers/gone@example.org", { method: "DELETE", headers: adminHeaders() });
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id: "share-email-1", topics: ["culture"] })),
  );
  editionId = ((await res.json()) as { editionId: string }).editionId;
  await herald.settled();
});
afterAll(() => herald.stop());

let client = 0;
const share = (body: Record<string, unknown>, ip = `203.0.113.${++client}`) =>
  herald.app.request("/v1/share/email", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify(body),
  });

describe("email this article to a friend", () => {
  it("sends the fixed email to each friend, skips suppressed addresses silently, counts the share", async () => {
    const res = await share({
      editionId,
      to: ["friend@example.org", "gone@example.org"],
      fromName: "Ana",
      message: "Thought of you <b>when</b> I read this.",
    });

    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "accepted" });
    const emails = await sentEmails(herald.sesEndpoint);
    expect(emails.map((e) => e.destination.to[0])).toEqual(["friend@example.org"]);
    const [email] = emails;
    expect(email?.subject).toBe(
      "Ana shared an article with you: US Seeks European Input on Ukraine Security Guarantees",
    );
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

  it("answers 404 for an unknown edition", async () => {
    expect(
      (await share({ editionId: "ed_0000000000000000000000", to: ["x@example.org"], fromName: "Ana" }))
        .status,
    ).toBe(404);
  });
});
