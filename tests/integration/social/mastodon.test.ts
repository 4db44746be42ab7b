import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMastodonAdapter } from "../../../functions/adapters/social/mastodon/adapter.js";
import { type MastodonFake, startMastodonFake } from "../../helpers/social/fakes/mastodon.js";
import { jsonBody } from "../../helpers/social/loopback.js";
import { memoryCredentials } from "../../helpers/social/memory-credentials.js";
import { ARTICLES, publishRequest } from "../../helpers/social/publish-request.js";

const NOW = new Date("2026-02-15T09:00:00.000Z");

let fake: MastodonFake;
beforeEach(async () => {
  fake = await startMastodonFake();
});
afterEach(() => fake.close());

function adapter(timeoutMs?: number) {
  const credentials = memoryCredentials();
  const settings = { apiUrl: fake.url, accessToken: fake.token };
  return {
    credentials,
    mastodon: createMastodonAdapter({ settings, credentials, now: () => NOW, timeoutMs }),
  };
}

const posts = () => fake.requests.filter((r) => r.method === "POST" && r.path === "/api/v1/statuses");

describe("Mastodon publish", () => {
  it.each(Object.entries(ARTICLES))(
    "posts the %s status once, with the token and idempotency key",
    async (_, article) => {
      // Prepare
      const { mastodon } = adapter();
      const request = publishRequest("mastodon", { article });

      // Act
      const outcome = await mastodon.publish(request);

      // Assess
      expect(fake.statuses).toHaveLength(1);
      const [status] = fake.statuses;
      expect(outcome).toEqual({
        kind: "posted",
        postId: status?.id,
        url: `${fake.url}/@herald/${status?.id}`,
      });
      expect(status?.text).toBe(request.post.status);
      const [sent] = posts();
      expect(sent && jsonBody(sent)).toEqual({ status: request.post.status, visibility: "public" });
      expect(sent?.headers.authorization).toBe(`Bearer ${fake.token}`);
      expect(sent?.headers["idempotency-key"]).toBe(request.idempotencyKey);
      // The link card is Mastodon's own, from og: tags: nothing is uploaded.
      expect(fake.requests.filter((r) => r.path.includes("/media"))).toEqual([]);
    },
  );

  it("a second publish with the same key gets the same status and creates none", async () => {
    // Prepare
    const { mastodon } = adapter();
    const request = publishRequest("mastodon");

    // Act
    const first = await mastodon.publish(request);
    const again = await mastodon.publish(request);

    // Assess
    expect(again).toEqual(first);
    expect(fake.statuses).toHaveLength(1);
  });

  it("answers a 429 with rate_limited at X-RateLimit-Reset, and posts nothing", async () => {
    // Prepare
    const { mastodon } = adapter();
    fake.failNext("rate_limit");

    // Act
    const outcome = await mastodon.publish(publishRequest("mastodon"));

    // Assess
    expect(outcome).toEqual({
      kind: "rate_limited",
      retryAt: fake.rateLimitReset,
      message: "Too many requests",
    });
    expect(fake.statuses).toEqual([]);
  });

  it.each(["created_then_5xx", "timeout"] as const)(
    "after %s: unknown, lookup finds it, and publishing again with the key makes no second status",
    async (fault) => {
      // Prepare
      const { mastodon } = adapter(300);
      const request = publishRequest("mastodon");
      fake.failNext(fault);

      // Act
      const outcome = await mastodon.publish(request);
      const found = await mastodon.lookup(request);
      const again = await mastodon.publish(request);

      // Assess
      const [status] = fake.statuses;
      expect(outcome.kind).toBe("unknown");
      expect(found).toEqual({ kind: "found", postId: status?.id, url: status?.url });
      expect(again).toEqual({ kind: "posted", postId: status?.id, url: status?.url });
      expect(fake.statuses).toHaveLength(1);
    },
  );

  it("lookup says absent for a post that was never made, past older statuses", async () => {
    // Prepare
    const { mastodon } = adapter();
    for (let i = 0; i < 45; i++) await mastodon.publish(publishRequest("mastodon", { editionId: `ed_${i}` }));

    // Act
    const oldest = await mastodon.lookup(publishRequest("mastodon", { editionId: "ed_0" }));
    const never = await mastodon.lookup(publishRequest("mastodon", { editionId: "ed_never" }));

    // Assess
    expect(oldest).toMatchObject({ kind: "found", postId: fake.statuses[0]?.id });
    expect(never).toEqual({ kind: "absent" });
  });

  it("a revoked token is auth, flags the account, and never shows the token", async () => {
    // Prepare
    const { mastodon, credentials } = adapter();
    fake.failNext("revoked_token");

    // Act
    const outcome = await mastodon.publish(publishRequest("mastodon"));
    const lookup = await mastodon.lookup(publishRequest("mastodon"));

    // Assess
    expect(outcome).toEqual({
      kind: "auth",
      message: "Mastodon refused the access token: The access token is invalid",
    });
    expect(lookup.kind).toBe("auth");
    expect(credentials.attention.get(`mastodon/${new URL(fake.url).host}`)).toBe(
      "Mastodon refused the access token: The access token is invalid",
    );
    expect(JSON.stringify([outcome, lookup, [...credentials.attention]])).not.toContain(fake.token);
    expect(fake.statuses).toEqual([]);
  });

  it("a status over the instance's limit fails with Mastodon's own message", async () => {
    // Prepare: composed for the default 500, sent to an instance allowing 300.
    fake.limits.maxCharacters = 300;
    const { mastodon } = adapter();
    const article = { ...ARTICLES.latin, summary: "A much longer summary. ".repeat(30) };

    // Act
    const outcome = await mastodon.publish(publishRequest("mastodon", { article }));

    // Assess
    expect(outcome).toEqual({
      kind: "failed",
      message: "Validation failed: Text character limit of 300 exceeded",
    });
    expect(fake.statuses).toEqual([]);
  });
});

describe("Mastodon composeOptions", () => {
  it("reads the instance's limits once, and a post composed with them is accepted there", async () => {
    // Prepare
    const { mastodon } = adapter();
    const article = { ...ARTICLES.latin, summary: "A much longer summary. ".repeat(40) };

    // Act
    const options = await mastodon.composeOptions?.();
    await mastodon.composeOptions?.();
    const request = publishRequest("mastodon", { article, compose: options });
    const outcome = await mastodon.publish(request);

    // Assess
    expect(options).toEqual({ mastodon: { maxCharacters: 1000, charactersReservedPerUrl: 23 } });
    expect(fake.requests.filter((r) => r.path === "/api/v2/instance")).toHaveLength(1);
    expect(request.post.status.length).toBeGreaterThan(500);
    expect(outcome.kind).toBe("posted");
  });

  it("falls back to the defaults when the instance endpoint fails", async () => {
    // Prepare
    const { mastodon } = adapter();
    fake.failNext("server_error", "/api/v2/instance");

    // Act
    const options = await mastodon.composeOptions?.();

    // Assess
    expect(options).toEqual({});
  });
});
