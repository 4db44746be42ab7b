import { describe, expect, it } from "vitest";
import { adapterExamples } from "../../helpers/social/adapter-examples.js";
import { jsonBody } from "../../helpers/social/loopback.js";
import { mastodonHarness } from "../../helpers/social/network-harnesses.js";
import { ARTICLES, publishRequest } from "../../helpers/social/publish-request.js";

const mastodon = mastodonHarness();
const shared = adapterExamples(mastodon, (fake) => fake.statuses);

describe("Mastodon publish", () => {
  it.each(Object.entries(ARTICLES))(
    "posts the %s status once, with the token and idempotency key",
    async (_, article) => {
      // Prepare
      const adapter = mastodon.adapter();
      const request = publishRequest("mastodon", { article });

      // Act
      const outcome = await adapter.publish(request);

      // Assess
      expect(mastodon.fake.statuses).toHaveLength(1);
      const [status] = mastodon.fake.statuses;
      expect(outcome).toEqual({
        kind: "posted",
        postId: status?.id,
        url: `${mastodon.fake.url}/@herald/${status?.id}`,
      });
      expect(status?.text).toBe(request.post.status);
      const [sent] = mastodon.requests("/api/v1/statuses", "POST");
      expect(sent && jsonBody(sent)).toEqual({ status: request.post.status, visibility: "public" });
      expect(sent?.headers.authorization).toBe(`Bearer ${mastodon.fake.token}`);
      expect(sent?.headers["idempotency-key"]).toBe(request.idempotencyKey);
      // The link card is Mastodon's own, from og: tags: nothing is uploaded.
      expect(mastodon.fake.requests.filter((r) => r.path.includes("/media"))).toEqual([]);
    },
  );

  it("a second publish with the same key gets the same status and creates none", async () => {
    // Prepare
    const adapter = mastodon.adapter();
    const request = publishRequest("mastodon");

    // Act
    const first = await adapter.publish(request);
    const again = await adapter.publish(request);

    // Assess
    expect(again).toEqual(first);
    expect(mastodon.fake.statuses).toHaveLength(1);
  });

  shared.answersRateLimited("at X-RateLimit-Reset", (fake) => ({
    retryAt: fake.rateLimitReset,
    message: "Too many requests",
  }));

  it.each(["created_then_5xx", "timeout"] as const)(
    "after %s: unknown, lookup finds it, and publishing again with the key makes no second status",
    async (fault) => {
      // Prepare
      const adapter = mastodon.adapter({}, { timeoutMs: 1500 });
      const request = publishRequest("mastodon");
      mastodon.fake.failNext(fault);

      // Act
      const outcome = await adapter.publish(request);
      const found = await adapter.lookup(request);
      const again = await adapter.publish(request);

      // Assess
      const [status] = mastodon.fake.statuses;
      expect(outcome.kind).toBe("unknown");
      expect(found).toEqual({ kind: "found", postId: status?.id, url: status?.url });
      expect(again).toEqual({ kind: "posted", postId: status?.id, url: status?.url });
      expect(mastodon.fake.statuses).toHaveLength(1);
    },
  );

  it("lookup says absent for a post that was never made, past older statuses", async () => {
    // Prepare
    const adapter = mastodon.adapter();
    for (let i = 0; i < 45; i++) await adapter.publish(publishRequest("mastodon", { editionId: `ed_${i}` }));

    // Act
    const oldest = await adapter.lookup(publishRequest("mastodon", { editionId: "ed_0" }));
    const never = await adapter.lookup(publishRequest("mastodon", { editionId: "ed_never" }));

    // Assess
    expect(oldest).toMatchObject({ kind: "found", postId: mastodon.fake.statuses[0]?.id });
    expect(never).toEqual({ kind: "absent" });
  });

  it("a revoked token is auth, flags the account, and never shows the token", async () => {
    // Prepare
    const adapter = mastodon.adapter();
    mastodon.fake.failNext("revoked_token");

    // Act
    const outcome = await adapter.publish(publishRequest("mastodon"));
    const lookup = await adapter.lookup(publishRequest("mastodon"));

    // Assess
    expect(outcome).toEqual({
      kind: "auth",
      message: "Mastodon refused the access token: The access token is invalid",
    });
    expect(lookup.kind).toBe("auth");
    expect(mastodon.credentials.attention.get(`mastodon/${new URL(mastodon.fake.url).host}`)).toBe(
      "Mastodon refused the access token: The access token is invalid",
    );
    expect(JSON.stringify([outcome, lookup, [...mastodon.credentials.attention]])).not.toContain(
      mastodon.fake.token,
    );
    expect(mastodon.fake.statuses).toEqual([]);
  });

  it("a status over the instance's limit fails with Mastodon's own message", async () => {
    // Prepare: composed for the default 500, sent to an instance allowing 300.
    mastodon.fake.limits.maxCharacters = 300;
    const adapter = mastodon.adapter();
    const article = { ...ARTICLES.latin, summary: "A much longer summary. ".repeat(30) };

    // Act
    const outcome = await adapter.publish(publishRequest("mastodon", { article }));

    // Assess
    expect(outcome).toEqual({
      kind: "failed",
      message: "Validation failed: Text character limit of 300 exceeded",
    });
    expect(mastodon.fake.statuses).toEqual([]);
  });
});

describe("Mastodon composeOptions", () => {
  it("reads the instance's limits once, and a post composed with them is accepted there", async () => {
    // Prepare
    const adapter = mastodon.adapter();
    const article = { ...ARTICLES.latin, summary: "A much longer summary. ".repeat(40) };

    // Act
    const options = await adapter.composeOptions?.();
    await adapter.composeOptions?.();
    const request = publishRequest("mastodon", { article, compose: options });
    const outcome = await adapter.publish(request);

    // Assess
    expect(options).toEqual({ mastodon: { maxCharacters: 1000, charactersReservedPerUrl: 23 } });
    expect(mastodon.fake.requests.filter((r) => r.path === "/api/v2/instance")).toHaveLength(1);
    expect(request.post.status.length).toBeGreaterThan(500);
    expect(outcome.kind).toBe("posted");
  });

  it("falls back to the defaults when the instance endpoint fails", async () => {
    // Prepare
    const adapter = mastodon.adapter();
    mastodon.fake.failNext("server_error", "/api/v2/instance");

    // Act
    const options = await adapter.composeOptions?.();

    // Assess
    expect(options).toEqual({});
  });
});
