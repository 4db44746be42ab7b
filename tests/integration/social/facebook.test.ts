import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFacebookAdapter } from "../../../functions/adapters/social/facebook/adapter.js";
import type { FacebookSettings } from "../../../functions/adapters/social/facebook/settings.js";
import { type FacebookFake, startFacebookFake } from "../../helpers/social/fakes/facebook.js";
import { memoryCredentials } from "../../helpers/social/memory-credentials.js";
import { CYRILLIC_SOURCE, publishRequest } from "../../helpers/social/publish-request.js";

const NOW = new Date("2026-03-01T17:20:00Z");
let fake: FacebookFake;
let credentials: ReturnType<typeof memoryCredentials>;

beforeEach(async () => {
  fake = await startFacebookFake();
  credentials = memoryCredentials();
});
afterEach(() => fake.close());

function settings(overrides: Partial<FacebookSettings> = {}): FacebookSettings {
  return {
    apiUrl: fake.url,
    graphVersion: "v26.0",
    pageId: fake.pageId,
    pageToken: fake.pageToken,
    ...overrides,
  };
}
const adapter = (timeoutMs = 1_000) =>
  createFacebookAdapter({ settings: settings(), credentials, now: () => NOW, timeoutMs });
const feedPosts = () => fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/feed"));

describe("Facebook adapter: publish", () => {
  it("posts the message and link to the Page feed with the Page token and returns the post's URL", async () => {
    // Prepare
    const request = publishRequest("facebook");

    // Act
    const outcome = await adapter().publish(request);

    // Assess
    const id = fake.posts[0]?.id;
    expect(outcome).toEqual({ kind: "posted", postId: id, url: `https://www.facebook.com/${id}` });
    const [sent, ...more] = feedPosts();
    expect(more).toHaveLength(0);
    expect(sent?.path).toBe(`/v26.0/${fake.pageId}/feed`);
    expect(sent?.headers.authorization).toBe("Bearer fb-page-token");
    expect(Object.fromEntries(new URLSearchParams(sent?.body.toString()))).toEqual({
      message: request.post.message,
      link: request.post.link,
    });
    // The crawler reads the article's og:image: nothing is uploaded.
    expect(request.cardReads()).toBe(0);
  });

  it("posts a Cyrillic headline exactly as composed", async () => {
    // Prepare
    const request = publishRequest("facebook", { article: CYRILLIC_SOURCE });

    // Act
    await adapter().publish(request);

    // Assess
    expect(fake.posts[0]?.message).toBe(request.post.message);
    expect(fake.posts[0]?.message.startsWith(CYRILLIC_SOURCE.title)).toBe(true);
  });

  it("answers rate_limited after the estimated time to regain access, posting nothing", async () => {
    // Prepare
    fake.failNext("rate_limit");

    // Act
    const outcome = await adapter().publish(publishRequest("facebook"));

    // Assess
    expect(outcome).toMatchObject({ kind: "rate_limited", message: expect.stringContaining("(#80001)") });
    expect(outcome.kind === "rate_limited" && outcome.retryAt).toEqual(
      new Date(NOW.getTime() + fake.regainMinutes * 60_000),
    );
    expect(fake.posts).toHaveLength(0);
  });

  it("answers duplicate for a post the Page has, naming it", async () => {
    // Prepare
    const request = publishRequest("facebook");
    await adapter().publish(request);

    // Act
    const outcome = await adapter().publish(request);

    // Assess
    const id = fake.posts[0]?.id ?? "";
    expect(outcome).toEqual({
      kind: "duplicate",
      postId: id,
      url: `https://www.facebook.com/${fake.pageId}/posts/pfbid0${id.split("_")[1]}`,
      message: "(#506) Duplicate status message",
    });
    expect(fake.posts).toHaveLength(1);
  });

  it("answers failed with Graph's own message for an invalid link", async () => {
    // Prepare
    const base = publishRequest("facebook");
    const request = { ...base, post: { ...base.post, link: "not a link" } };

    // Act
    const outcome = await adapter().publish(request);

    // Assess
    expect(outcome).toEqual({ kind: "failed", message: "(#100) The parameter link is invalid" });
  });

  it("answers auth and flags the Page when the Page token is dead (it cannot be refreshed)", async () => {
    // Prepare
    fake.expirePageToken();

    // Act
    const outcome = await adapter().publish(publishRequest("facebook"));

    // Assess
    expect(outcome).toMatchObject({ kind: "auth", message: expect.stringContaining("Session has expired") });
    expect(outcome.kind === "auth" && outcome.message).not.toContain("fb-page-token");
    expect(credentials.attention.has(`facebook/${fake.pageId}`)).toBe(true);
    expect(fake.posts).toHaveLength(0);
  });
});

describe("Facebook adapter: outcome unknown, then lookup", () => {
  it("answers unknown on a 500 after Facebook created the post, and lookup finds that one post", async () => {
    // Prepare
    const request = publishRequest("facebook");
    fake.failNext("created_then_5xx");

    // Act
    const outcome = await adapter().publish(request);
    const found = await adapter().lookup(request);

    // Assess
    expect(outcome).toMatchObject({ kind: "unknown", message: expect.stringContaining("unknown error") });
    const id = fake.posts[0]?.id ?? "";
    expect(found).toEqual({
      kind: "found",
      postId: id,
      url: `https://www.facebook.com/${fake.pageId}/posts/pfbid0${id.split("_")[1]}`,
    });
    expect(fake.posts).toHaveLength(1);
  });

  it("answers unknown when Facebook does not answer in time, and lookup finds the post", async () => {
    // Prepare
    const request = publishRequest("facebook");
    fake.failNext("timeout");

    // Act
    const outcome = await adapter(200).publish(request);
    const found = await adapter().lookup(request);

    // Assess
    expect(outcome.kind).toBe("unknown");
    expect(found.kind).toBe("found");
    expect(fake.posts).toHaveLength(1);
  });

  it("finds the post when the crawler lists the article's canonical URL instead of the tagged one", async () => {
    // Prepare
    const request = publishRequest("facebook");
    fake.canonicalizeLinks();
    fake.failNext("created_then_5xx");
    await adapter().publish(request);

    // Act
    const found = await adapter().lookup(request);

    // Assess
    expect(found).toMatchObject({ kind: "found", postId: fake.posts[0]?.id });
  });

  it("answers absent for a post that was never created", async () => {
    // Prepare
    await adapter().publish(publishRequest("facebook", { article: CYRILLIC_SOURCE }));

    // Act
    const outcome = await adapter().lookup(publishRequest("facebook"));

    // Assess
    expect(outcome).toEqual({ kind: "absent" });
  });
});
