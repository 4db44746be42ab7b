import { describe, expect, it } from "vitest";
import type { SocialNetwork } from "../../../functions/domain/social/network.js";
import type { SocialAdapter } from "../../../functions/flows/ports/social.js";
import {
  blueskyHarness,
  facebookHarness,
  linkedinHarness,
  mastodonHarness,
  telegramHarness,
  threadsHarness,
  xHarness,
} from "../../helpers/social/network-harnesses.js";
import { publishRequest } from "../../helpers/social/publish-request.js";

/** Publishes one post through `adapter` and says which post it made, as the worker stores it. */
async function posted<N extends SocialNetwork>(adapter: SocialAdapter<N>) {
  const outcome = await adapter.publish(publishRequest(adapter.network));
  if (outcome.kind !== "posted") throw new Error(`not posted: ${JSON.stringify(outcome)}`);
  return { postId: outcome.postId, url: outcome.url };
}

const read = <N extends SocialNetwork>(adapter: SocialAdapter<N>) => {
  if (!adapter.readEngagement) throw new Error(`${adapter.network} reads no engagement`);
  return adapter.readEngagement.bind(adapter);
};

describe("Bluesky engagement", () => {
  const bluesky = blueskyHarness();

  it("reads likes, reposts, replies and quotes from app.bsky.feed.getPosts with the session", async () => {
    // Prepare
    const adapter = bluesky.adapter();
    const post = await posted(adapter);
    bluesky.fake.engagement.set(post.postId, { likeCount: 12, repostCount: 3, replyCount: 2, quoteCount: 1 });

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toEqual({ kind: "read", counts: { likes: 12, reposts: 3, replies: 2, quotes: 1 } });
    const [asked] = bluesky.requests("/xrpc/app.bsky.feed.getPosts", "GET");
    expect(asked?.query.getAll("uris")).toEqual([post.postId]);
    expect(asked?.headers.authorization).toMatch(/^Bearer acc\./);
  });

  it.each([
    ["a 502 page", "server_error", true],
    ["a 429", "rate_limit", true],
  ] as const)("%s is a failed read worth another try", async (_, fault, retryable) => {
    // Prepare
    const adapter = bluesky.adapter();
    const post = await posted(adapter);
    bluesky.fake.failNext(fault, "app.bsky.feed.getPosts");

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toMatchObject({ kind: "failed", retryable });
  });

  it("a post the AppView does not show (deleted) is a failed read not tried again", async () => {
    // Prepare
    const adapter = bluesky.adapter();
    const post = await posted(adapter);

    // Act
    const outcome = await read(adapter)({ ...post, postId: `${post.postId}x` });

    // Assess
    expect(outcome).toEqual({
      kind: "failed",
      message: "Bluesky shows no such post (deleted?)",
      retryable: false,
    });
  });

  it("refused credentials are a failed read not tried again", async () => {
    // Prepare
    const adapter = bluesky.adapter();
    const post = await posted(adapter);
    bluesky.fake.failNext("expired_token", "app.bsky.feed.getPosts");
    bluesky.fake.expireRefreshTokens();
    bluesky.fake.refuseSignIn("AuthenticationRequired");

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toMatchObject({ kind: "failed", retryable: false });
  });
});

describe("Mastodon engagement", () => {
  const mastodon = mastodonHarness();

  it("reads favourites, reblogs and replies from GET /api/v1/statuses/:id", async () => {
    // Prepare
    const adapter = mastodon.adapter();
    const post = await posted(adapter);
    mastodon.fake.engagement.set(post.postId, { favourites: 8, reblogs: 5, replies: 1 });

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toEqual({ kind: "read", counts: { likes: 8, reposts: 5, replies: 1 } });
    const [asked] = mastodon.requests(`/api/v1/statuses/${post.postId}`, "GET");
    expect(asked?.headers.authorization).toBe(`Bearer ${mastodon.fake.token}`);
  });

  it.each([
    ["503", "server_error", true],
    ["429", "rate_limit", true],
    ["a body without counts", "malformed", true],
    ["401 (revoked token)", "revoked_token", false],
  ] as const)("%s is a failed read (worth another try: %s)", async (_, fault, retryable) => {
    // Prepare
    const adapter = mastodon.adapter();
    const post = await posted(adapter);
    mastodon.fake.failNext(fault, `/api/v1/statuses/${post.postId}`);

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toMatchObject({ kind: "failed", retryable });
  });

  it("a deleted status (404) is a failed read not tried again", async () => {
    // Prepare
    const adapter = mastodon.adapter();
    await posted(adapter);

    // Act
    const outcome = await read(adapter)({ postId: "1", url: "https://x" });

    // Assess
    expect(outcome).toEqual({ kind: "failed", message: "Record not found", retryable: false });
  });
});

describe("X engagement", () => {
  const x = xHarness();

  it("reads public_metrics from GET /2/tweets/:id, with the user's token", async () => {
    // Prepare
    const adapter = x.adapter();
    const post = await posted(adapter);
    x.fake.metrics.set(post.postId, { like_count: 31, retweet_count: 7, reply_count: 4, quote_count: 2 });

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toEqual({ kind: "read", counts: { likes: 31, reposts: 7, replies: 4, quotes: 2 } });
    const [asked] = x.requests(`/2/tweets/${post.postId}`, "GET");
    expect(asked?.query.get("tweet.fields")).toBe("public_metrics");
    expect(asked?.headers.authorization).toBe(`Bearer ${x.fake.tokens.access}`);
  });

  it.each([
    ["503", "server_error", true],
    ["429", "rate_limit", true],
    ["a post without public_metrics", "malformed", true],
  ] as const)("%s is a failed read (worth another try: %s)", async (_, fault, retryable) => {
    // Prepare
    const adapter = x.adapter();
    const post = await posted(adapter);
    x.fake.failNextRead(fault);

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toMatchObject({ kind: "failed", retryable });
  });

  it("a post X cannot find (200 with errors) is a failed read not tried again", async () => {
    // Prepare
    const adapter = x.adapter();
    await posted(adapter);

    // Act
    const outcome = await read(adapter)({ postId: "1", url: "https://x.com/heraldnews/status/1" });

    // Assess
    expect(outcome).toEqual({
      kind: "failed",
      message: "GET /2/tweets/:id: Could not find tweet with id: [1].",
      retryable: false,
    });
  });

  it("an access token that is refused and cannot be refreshed (401) is a failed read not tried again", async () => {
    // Prepare
    const adapter = x.adapter();
    const post = await posted(adapter);
    x.fake.expireAccessToken();
    x.fake.revokeRefreshToken();

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toMatchObject({ kind: "failed", retryable: false });
  });
});

describe("LinkedIn engagement", () => {
  const linkedin = linkedinHarness();

  it("reads likes and comments from GET /rest/socialActions/{urn}, versioned, and no reposts", async () => {
    // Prepare
    const adapter = linkedin.adapter();
    const post = await posted(adapter);
    linkedin.fake.socialActions.set(post.postId, { likes: 14, comments: 5, firstLevel: 3 });

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toEqual({ kind: "read", counts: { likes: 14, replies: 5 } });
    const [asked] = linkedin.requests("/rest/socialActions/", "GET");
    expect(asked?.path).toBe(`/rest/socialActions/${encodeURIComponent(post.postId)}`);
    expect(asked?.headers["linkedin-version"]).toBe("202607");
    expect(asked?.headers["x-restli-protocol-version"]).toBe("2.0.0");
  });

  it.each([
    ["504", "server_error", true],
    ["a body without summaries", "malformed", true],
    ["403 (no r_organization_social)", "forbidden", false],
  ] as const)("%s is a failed read (worth another try: %s)", async (_, fault, retryable) => {
    // Prepare
    const adapter = linkedin.adapter();
    const post = await posted(adapter);
    linkedin.fake.failNextRead(fault);

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toMatchObject({ kind: "failed", retryable });
  });

  it("an expired token without a refresh token (401) is a failed read not tried again", async () => {
    // Prepare
    const adapter = linkedin.adapter();
    const post = await posted(adapter);
    linkedin.fake.expireAccessToken();

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toMatchObject({ kind: "failed", retryable: false });
  });
});

describe("Facebook engagement", () => {
  const facebook = facebookHarness();

  it("reads reactions, comments and shares from GET /{post-id}?fields=… with the Page token", async () => {
    // Prepare
    const adapter = facebook.adapter();
    const post = await posted(adapter);
    facebook.fake.engagement.set(post.postId, { likes: 25, replies: 4, reposts: 2, quotes: 0 });

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toEqual({ kind: "read", counts: { likes: 25, replies: 4, reposts: 2 } });
    const [asked] = facebook.requests(`/v26.0/${post.postId}`, "GET");
    expect(asked?.query.get("fields")).toContain("reactions.summary(total_count)");
    expect(asked?.headers.authorization).toBe(`Bearer ${facebook.fake.pageToken}`);
  });

  it("a post nobody shared has 0 reposts (Graph leaves `shares` out)", async () => {
    // Prepare
    const adapter = facebook.adapter();
    const post = await posted(adapter);

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toEqual({ kind: "read", counts: { likes: 0, replies: 0, reposts: 0 } });
  });

  it.each([
    ["a transient 500", "server_error", true],
    ["throttling (400, code 80001)", "throttled", true],
    ["a body without counts", "malformed", true],
    ["a token without pages_read_engagement (403, code 10)", "no_permission", false],
  ] as const)("%s is a failed read (worth another try: %s)", async (_, fault, retryable) => {
    // Prepare
    const adapter = facebook.adapter();
    const post = await posted(adapter);
    facebook.fake.failNextRead(fault);

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toMatchObject({ kind: "failed", retryable });
  });
});

describe("Threads engagement", () => {
  const threads = threadsHarness();

  it("reads likes, replies, reposts and quotes from GET /{media-id}/insights", async () => {
    // Prepare
    const adapter = threads.adapter();
    const post = await posted(adapter);
    threads.fake.engagement.set(post.postId, { likes: 9, replies: 2, reposts: 1, quotes: 3 });

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toEqual({ kind: "read", counts: { likes: 9, replies: 2, reposts: 1, quotes: 3 } });
    const [asked] = threads.requests(`/v1.0/${post.postId}/insights`, "GET");
    expect(asked?.query.get("metric")).toBe("likes,replies,reposts,quotes");
  });

  it.each([
    ["a transient 500", "server_error", true],
    ["throttling", "throttled", true],
    ["insights without values", "malformed", true],
    ["a token without threads_manage_insights", "no_permission", false],
  ] as const)("%s is a failed read (worth another try: %s)", async (_, fault, retryable) => {
    // Prepare
    const adapter = threads.adapter();
    const post = await posted(adapter);
    threads.fake.failNextRead(fault);

    // Act
    const outcome = await read(adapter)(post);

    // Assess
    expect(outcome).toMatchObject({ kind: "failed", retryable });
  });
});

describe("Telegram engagement", () => {
  const telegram = telegramHarness();

  it("is not read: the Bot API gives a channel post's counts to nobody who asks", () => {
    expect(telegram.adapter().readEngagement).toBeUndefined();
  });
});
