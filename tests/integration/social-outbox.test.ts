import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editionId } from "../../functions/domain/edition.js";
import { SocialNetwork } from "../../functions/domain/social/network.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, TEST_PUBLIC_URL, type TestHerald } from "../helpers/herald.js";

let herald: TestHerald;
const outboxDir = mkdtempSync(join(tmpdir(), "herald-outbox-"));

beforeAll(async () => {
  // A post is held for as long as a Lambda would hold it: a message delivered again while its post
  // is in flight waits for the claim's lease instead of running beside it.
  herald = await startHerald(
    {},
    // The whole path: the render function draws the card, the social worker uploads it to the outbox.
    { social: { settings: {}, outboxDir }, drawCards: true, socialQueue: { visibilityTimeoutMs: 30_000 } },
  );
});
afterAll(() => herald.stop());

describe("publish webhook → social posts in the local outbox", () => {
  it("writes one post per network, for all seven, and the edition shows each one posted", async () => {
    // Prepare
    const body = articleBody({ id: "social-e2e-1", title: "Storm closes the harbour for a second day" });
    const id = editionId(body.id, body.publishedAt);

    // Act
    const res = await herald.app.request("/v1/webhooks/articles", signedWebhook(body));
    await herald.settled();

    // Assess
    expect(res.status).toBe(202);
    for (const network of SocialNetwork.options) {
      expect(readdirSync(join(outboxDir, network)).sort(), network).toEqual([`${id}.json`, `${id}.png`]);
      const post = JSON.parse(readFileSync(join(outboxDir, network, `${id}.json`), "utf8"));
      expect(post.post.network).toBe(network);
      expect(post.url).toContain(`utm_source=${network}`);
      expect(post.cardUrl).toBe(`${TEST_PUBLIC_URL}/v1/editions/${id}/card.png`);
      expect(JSON.stringify(post.post)).toContain("Storm closes the harbour");
    }
    const status = await (await herald.app.request(`/v1/editions/${id}`, { headers: adminHeaders() })).json();
    expect((status as { social: Array<{ status: string; url: string }> }).social).toHaveLength(7);
    for (const s of (status as { social: Array<{ status: string; url: string }> }).social) {
      expect(s).toMatchObject({ status: "posted", url: expect.stringMatching(/^file:\/\//), attempts: 1 });
    }
  });

  it("the same webhook again posts nothing twice", async () => {
    // Prepare
    const body = articleBody({ id: "social-e2e-1", title: "Storm closes the harbour for a second day" });
    const id = editionId(body.id, body.publishedAt);
    const before = herald.socialQueue.deadLetters.length;

    // Act
    const res = await herald.app.request("/v1/webhooks/articles", signedWebhook(body));
    await herald.settled();

    // Assess
    expect(res.status).toBe(200);
    const intents = await herald.ports.socialIntents.listForEdition(id);
    expect(intents.map((i) => i.attempts)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(herald.socialQueue.deadLetters.length).toBe(before);
  });

  it("lists the seven outbox accounts in /v1/social/accounts", async () => {
    // Act
    const res = await herald.app.request("/v1/social/accounts", { headers: adminHeaders() });

    // Assess
    const { accounts } = (await res.json()) as { accounts: Array<{ network: string; status: string }> };
    expect(accounts.map((a) => a.network)).toEqual(SocialNetwork.options);
    expect(new Set(accounts.map((a) => a.status))).toEqual(new Set(["ok"]));
  });
});
