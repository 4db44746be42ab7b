import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { adminHeaders, articleBody, csv, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { captureLogs } from "../helpers/log-capture.js";
import { header, type StoredEmail, sentEmails } from "../helpers/ses-store.js";

let herald: TestHerald;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  logs = captureLogs();
  herald = await startHerald();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await herald.stop();
});

describe("logs", () => {
  it("carry no email address, secret or token through a whole publish, send and unsubscribe", async () => {
    // Act: everything that handles an address, a secret or a token.
    await herald.app.request("/v1/subscribers/import", {
      method: "POST",
      headers: { ...adminHeaders(), "content-type": "text/csv" },
      body: csv([
        ["private.reader@example.org", "Private Reader", "world"],
        ["not-an-address", "", "world"],
      ]),
    });
    await herald.app.request("/v1/subscribers", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "private.signup@example.org", name: "Private Reader" }),
    });
    await herald.app.request("/v1/webhooks/articles", signedWebhook(articleBody({ id: "logs-1" })));
    await herald.app.request(
      "/v1/webhooks/articles",
      signedWebhook(articleBody({ id: "logs-2" }), "wrong-secret"),
    );
    await herald.settled();
    const email = (await sentEmails(herald.sesEndpoint)).find((e) => header(e, "List-Unsubscribe"));
    const url = new URL((header(email as StoredEmail, "List-Unsubscribe") as string).slice(1, -1));
    await herald.app.request(`${url.pathname}${url.search}`, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
    });
    await herald.app.request("/v1/subscribers/private.reader@example.org", { headers: adminHeaders() });

    // Assess: logging happened, and none of it is personal or secret.
    const log = logs.text();
    expect(log).toContain("article received");
    expect(log).toContain("unsubscribed");
    expect(log).toContain("confirmation sent");
    expect(log).not.toMatch(/private\.reader|private\.signup|example\.org/);
    expect(log).not.toContain("Private Reader");
    expect(log).not.toMatch(/dev-webhook-secret|dev-admin-key|dev-token-signing-key|wrong-secret/);
    expect(log).not.toContain(url.searchParams.get("token") as string);
  });
});
