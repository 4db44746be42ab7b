import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBlueskyAdapter } from "../../../functions/adapters/social/bluesky/adapter.js";
import { type BlueskyFake, startBlueskyFake } from "../../helpers/social/fakes/bluesky.js";
import { memoryCredentials } from "../../helpers/social/memory-credentials.js";
import { ARTICLES, ONE_PIXEL_PNG, publishRequest } from "../../helpers/social/publish-request.js";

const NOW = new Date("2026-02-15T09:00:00.000Z");

let fake: BlueskyFake;
beforeEach(async () => {
  fake = await startBlueskyFake();
});
afterEach(() => fake.close());

function adapter(timeoutMs?: number) {
  const credentials = memoryCredentials();
  const settings = { apiUrl: fake.url, identifier: fake.handle, appPassword: fake.password };
  return { credentials, bluesky: createBlueskyAdapter({ settings, credentials, now: () => NOW, timeoutMs }) };
}

const calls = (nsid: string) => fake.requests.filter((r) => r.path === `/xrpc/${nsid}`);

describe("Bluesky publish", () => {
  it.each(Object.entries(ARTICLES))(
    "posts the %s post once, with its card as the link card's thumb",
    async (_, article) => {
      // Prepare
      const { bluesky, credentials } = adapter();
      const request = publishRequest("bluesky", { article });

      // Act
      const outcome = await bluesky.publish(request);

      // Assess
      expect(fake.posts).toHaveLength(1);
      const [post] = fake.posts;
      expect(outcome).toEqual({
        kind: "posted",
        postId: post?.uri,
        url: `https://bsky.app/profile/news.example.org/post/${post?.rkey}`,
      });
      expect(post?.value).toEqual({
        $type: "app.bsky.feed.post",
        text: request.post.text,
        facets: request.post.facets,
        createdAt: NOW.toISOString(),
        embed: {
          $type: "app.bsky.embed.external",
          external: {
            ...request.post.external,
            thumb: expect.objectContaining({ mimeType: "image/png", size: 70 }),
          },
        },
      });
      const embed = post?.value.embed as { external: { thumb: { ref: { $link: string } } } };
      const thumb = embed.external.thumb;
      expect(new Uint8Array(fake.blobs.get(thumb.ref.$link)?.bytes ?? [])).toEqual(ONE_PIXEL_PNG);
      expect(calls("com.atproto.repo.uploadBlob")[0]?.headers["content-type"]).toBe("image/png");
      const stored = await credentials.get("bluesky", "news.example.org");
      expect(calls("com.atproto.repo.createRecord")[0]?.headers.authorization).toBe(
        `Bearer ${stored?.values.accessJwt}`,
      );
    },
  );

  it("answers a 429 with rate_limited at the PDS's RateLimit-Reset, and posts nothing", async () => {
    // Prepare
    const { bluesky } = adapter();
    fake.failNext("rate_limit");

    // Act
    const outcome = await bluesky.publish(publishRequest("bluesky"));

    // Assess
    expect(outcome).toEqual({
      kind: "rate_limited",
      retryAt: fake.rateLimitReset,
      message: "RateLimitExceeded: Rate Limit Exceeded",
    });
    expect(fake.posts).toEqual([]);
  });

  it.each(["created_then_5xx", "timeout"] as const)(
    "after %s the outcome is unknown, and lookup finds the one post",
    async (fault) => {
      // Prepare
      const { bluesky } = adapter(300);
      const request = publishRequest("bluesky");
      fake.failNext(fault);

      // Act
      const outcome = await bluesky.publish(request);
      const found = await bluesky.lookup(request);

      // Assess
      expect(outcome.kind).toBe("unknown");
      expect(fake.posts).toHaveLength(1);
      expect(found).toEqual({
        kind: "found",
        postId: fake.posts[0]?.uri,
        url: `https://bsky.app/profile/news.example.org/post/${fake.posts[0]?.rkey}`,
      });
    },
  );

  it("lookup reads past the first page, and says absent for a post that was never made", async () => {
    // Prepare: the post, then 150 newer ones.
    const { bluesky } = adapter();
    const posted = publishRequest("bluesky", { editionId: "ed_posted" });
    const never = publishRequest("bluesky", { editionId: "ed_never" });
    await bluesky.publish(posted);
    for (let i = 0; i < 150; i++) await bluesky.publish(publishRequest("bluesky", { editionId: `ed_${i}` }));

    // Act
    const found = await bluesky.lookup(posted);
    const absent = await bluesky.lookup(never);

    // Assess
    expect(found).toMatchObject({ kind: "found", postId: fake.posts[0]?.uri });
    expect(absent).toEqual({ kind: "absent" });
    expect(calls("com.atproto.repo.listRecords").length).toBeGreaterThan(2);
  });

  it("refuses a card over 1,000,000 bytes with the PDS's own message", async () => {
    // Prepare
    const { bluesky } = adapter();
    const card = new Uint8Array(1_000_001);

    // Act
    const outcome = await bluesky.publish(publishRequest("bluesky", { card }));

    // Assess
    expect(outcome).toEqual({
      kind: "failed",
      message:
        "InvalidRequest: Invalid app.bsky.feed.post record: Record/embed/external/thumb file is too big (1000001 bytes, maximum 1000000)",
    });
    expect(fake.posts).toEqual([]);
  });

  it("tries an upload that met a 502 once more, and posts once", async () => {
    // Prepare
    const { bluesky } = adapter();
    fake.failNext("server_error", "com.atproto.repo.uploadBlob");

    // Act
    const outcome = await bluesky.publish(publishRequest("bluesky"));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(calls("com.atproto.repo.uploadBlob")).toHaveLength(2);
    expect(fake.posts).toHaveLength(1);
  });

  it("an upload that fails twice is unknown, and nothing is posted", async () => {
    // Prepare
    const { bluesky } = adapter();
    fake.failNext("server_error", "com.atproto.repo.uploadBlob");
    fake.failNext("server_error", "com.atproto.repo.uploadBlob");

    // Act
    const outcome = await bluesky.publish(publishRequest("bluesky"));

    // Assess
    expect(outcome).toEqual({ kind: "unknown", message: "com.atproto.repo.uploadBlob: HTTP 502" });
    expect(calls("com.atproto.repo.createRecord")).toEqual([]);
  });
});
