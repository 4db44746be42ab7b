import { describe, expect, it } from "vitest";
import { adapterExamples } from "../../helpers/social/adapter-examples.js";
import { blueskyHarness, NOW } from "../../helpers/social/network-harnesses.js";
import { ARTICLES, ONE_PIXEL_PNG, publishRequest } from "../../helpers/social/publish-request.js";

const bluesky = blueskyHarness();
const shared = adapterExamples(bluesky, (fake) => fake.posts);
const postUrl = (rkey: string | undefined) => `https://bsky.app/profile/news.example.org/post/${rkey}`;
const calls = (nsid: string) => bluesky.requests(`/xrpc/${nsid}`);

describe("Bluesky publish", () => {
  it.each(Object.entries(ARTICLES))(
    "posts the %s post once, with its card as the link card's thumb",
    async (_, article) => {
      // Prepare
      const adapter = bluesky.adapter();
      const request = publishRequest("bluesky", { article });

      // Act
      const outcome = await adapter.publish(request);

      // Assess
      expect(bluesky.fake.posts).toHaveLength(1);
      const [post] = bluesky.fake.posts;
      expect(outcome).toEqual({
        kind: "posted",
        postId: post?.uri,
        url: postUrl(post?.rkey),
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
      expect(new Uint8Array(bluesky.fake.blobs.get(thumb.ref.$link)?.bytes ?? [])).toEqual(ONE_PIXEL_PNG);
      expect(calls("com.atproto.repo.uploadBlob")[0]?.headers["content-type"]).toBe("image/png");
      const stored = await bluesky.credentials.get("bluesky", "news.example.org");
      expect(calls("com.atproto.repo.createRecord")[0]?.headers.authorization).toBe(
        `Bearer ${stored?.values.accessJwt}`,
      );
    },
  );

  shared.answersRateLimited("at the PDS's RateLimit-Reset", (fake) => ({
    retryAt: fake.rateLimitReset,
    message: "RateLimitExceeded: Rate Limit Exceeded",
  }));

  shared.findsThePostAfterAnUnknownOutcome(
    [
      ["on a 5xx after the PDS created the record", "created_then_5xx"],
      ["when the PDS does not answer in time", "timeout"],
    ],
    (fake) => ({ postId: fake.posts[0]?.uri, url: postUrl(fake.posts[0]?.rkey) }),
  );

  it("lookup reads past the first page, and says absent for a post that was never made", async () => {
    // Prepare: the post, then 150 newer ones.
    const adapter = bluesky.adapter();
    const posted = publishRequest("bluesky", { editionId: "ed_posted" });
    const never = publishRequest("bluesky", { editionId: "ed_never" });
    await adapter.publish(posted);
    for (let i = 0; i < 150; i++) await adapter.publish(publishRequest("bluesky", { editionId: `ed_${i}` }));

    // Act
    const found = await adapter.lookup(posted);
    const absent = await adapter.lookup(never);

    // Assess
    expect(found).toMatchObject({ kind: "found", postId: bluesky.fake.posts[0]?.uri });
    expect(absent).toEqual({ kind: "absent" });
    expect(calls("com.atproto.repo.listRecords").length).toBeGreaterThan(2);
  });

  it("refuses a card over 1,000,000 bytes with the PDS's own message", async () => {
    // Prepare
    const adapter = bluesky.adapter();
    const card = new Uint8Array(1_000_001);

    // Act
    const outcome = await adapter.publish(publishRequest("bluesky", { card }));

    // Assess
    expect(outcome).toEqual({
      kind: "failed",
      message:
        "InvalidRequest: Invalid app.bsky.feed.post record: Record/embed/external/thumb file is too big (1000001 bytes, maximum 1000000)",
    });
    expect(bluesky.fake.posts).toEqual([]);
  });

  it("tries an upload that met a 502 once more, and posts once", async () => {
    // Prepare
    const adapter = bluesky.adapter();
    bluesky.fake.failNext("server_error", "com.atproto.repo.uploadBlob");

    // Act
    const outcome = await adapter.publish(publishRequest("bluesky"));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(calls("com.atproto.repo.uploadBlob")).toHaveLength(2);
    expect(bluesky.fake.posts).toHaveLength(1);
  });

  it("an upload that fails twice is unknown, and nothing is posted", async () => {
    // Prepare
    const adapter = bluesky.adapter();
    bluesky.fake.failNext("server_error", "com.atproto.repo.uploadBlob");
    bluesky.fake.failNext("server_error", "com.atproto.repo.uploadBlob");

    // Act
    const outcome = await adapter.publish(publishRequest("bluesky"));

    // Assess
    expect(outcome).toEqual({ kind: "unknown", message: "com.atproto.repo.uploadBlob: HTTP 502" });
    expect(calls("com.atproto.repo.createRecord")).toEqual([]);
  });
});
