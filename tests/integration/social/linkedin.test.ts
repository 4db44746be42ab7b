import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLinkedInAdapter } from "../../../functions/adapters/social/linkedin/adapter.js";
import type { LinkedInSettings } from "../../../functions/adapters/social/linkedin/settings.js";
import { type LinkedInFake, startLinkedInFake } from "../../helpers/social/fakes/linkedin.js";
import { jsonBody } from "../../helpers/social/loopback.js";
import { memoryCredentials } from "../../helpers/social/memory-credentials.js";
import { CYRILLIC_SOURCE, ONE_PIXEL_PNG, publishRequest } from "../../helpers/social/publish-request.js";

const NOW = new Date("2026-03-01T17:20:00Z");
let fake: LinkedInFake;
let credentials: ReturnType<typeof memoryCredentials>;

beforeEach(async () => {
  fake = await startLinkedInFake();
  credentials = memoryCredentials();
});
afterEach(() => fake.close());

function settings(overrides: Partial<LinkedInSettings> = {}): LinkedInSettings {
  return {
    apiUrl: fake.url,
    organization: fake.organization,
    accessToken: "li-access-1",
    version: "202607",
    oauthUrl: fake.oauthUrl,
    ...overrides,
  };
}
const adapter = (overrides: Partial<LinkedInSettings> = {}, timeoutMs = 1_000) =>
  createLinkedInAdapter({ settings: settings(overrides), credentials, now: () => NOW, timeoutMs });
const seen = (method: string, path: string) =>
  fake.requests.filter((r) => r.method === method && r.path.startsWith(path));

describe("LinkedIn adapter: publish", () => {
  it("uploads the card, posts the article share with it as thumbnail, and returns the post's URL", async () => {
    // Prepare
    const request = publishRequest("linkedin");

    // Act
    const outcome = await adapter().publish(request);

    // Assess
    const [post] = fake.posts;
    expect(outcome).toEqual({
      kind: "posted",
      postId: post?.id,
      url: `https://www.linkedin.com/feed/update/${post?.id}/`,
    });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /rest/images",
      expect.stringMatching(/^PUT \/dms-uploads\//),
      "POST /rest/posts",
    ]);
    const [create] = seen("POST", "/rest/posts");
    expect(create?.headers).toMatchObject({
      authorization: "Bearer li-access-1",
      "linkedin-version": "202607",
      "x-restli-protocol-version": "2.0.0",
    });
    const thumbnail = [...fake.images.keys()][0];
    expect(create && jsonBody(create)).toEqual({
      author: "urn:li:organization:2414183",
      commentary: request.post.commentary,
      visibility: "PUBLIC",
      distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
      content: { article: { ...request.post.article, thumbnail } },
      lifecycleState: "PUBLISHED",
      isReshareDisabledByAuthor: false,
    });
    expect(post?.thumbnailBytes).toEqual(Buffer.from(ONE_PIXEL_PNG));
  });

  it("posts a Cyrillic headline's commentary and card title exactly as composed", async () => {
    // Prepare
    const request = publishRequest("linkedin", { article: CYRILLIC_SOURCE });

    // Act
    const outcome = await adapter().publish(request);

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(fake.posts[0]?.body.commentary).toBe(request.post.commentary);
    expect(fake.posts[0]?.body.content).toMatchObject({ article: { title: CYRILLIC_SOURCE.title } });
  });

  it("answers rate_limited until the next midnight UTC, posting nothing", async () => {
    // Prepare
    fake.failNext("rate_limit");

    // Act
    const outcome = await adapter().publish(publishRequest("linkedin"));

    // Assess
    expect(outcome).toEqual({
      kind: "rate_limited",
      retryAt: new Date("2026-03-02T00:00:00Z"),
      message: "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.",
    });
    expect(fake.posts).toHaveLength(0);
  });

  it("answers duplicate with the earlier post's URN and URL parsed from LinkedIn's message", async () => {
    // Prepare
    const request = publishRequest("linkedin");
    await adapter().publish(request);
    const earlier = fake.posts[0]?.id;

    // Act
    const outcome = await adapter().publish(request);

    // Assess
    expect(outcome).toMatchObject({
      kind: "duplicate",
      postId: earlier,
      url: `https://www.linkedin.com/feed/update/${earlier}/`,
    });
    expect(fake.posts).toHaveLength(1);
  });

  it("retries an image upload that failed with a 5xx once, and posts", async () => {
    // Prepare
    fake.failNext("upload_5xx");

    // Act
    const outcome = await adapter().publish(publishRequest("linkedin"));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(seen("PUT", "/dms-uploads/")).toHaveLength(2);
    expect(fake.posts).toHaveLength(1);
  });

  it("answers failed with LinkedIn's own message when it refuses the post", async () => {
    // Prepare
    const base = publishRequest("linkedin");
    const request = { ...base, post: { ...base.post, commentary: "x".repeat(3001) } };

    // Act
    const outcome = await adapter().publish(request);

    // Assess
    expect(outcome).toEqual({
      kind: "failed",
      message: "Invalid field /commentary: Commentary must be at most 3000 characters",
    });
    expect(fake.posts).toHaveLength(0);
  });
});

describe("LinkedIn adapter: outcome unknown, then lookup", () => {
  it("answers unknown on a 5xx after LinkedIn created the post, and lookup finds that one post", async () => {
    // Prepare
    const request = publishRequest("linkedin");
    fake.failNext("created_then_5xx");

    // Act
    const outcome = await adapter().publish(request);
    const found = await adapter().lookup(request);

    // Assess
    expect(outcome.kind).toBe("unknown");
    const id = fake.posts[0]?.id;
    expect(found).toEqual({ kind: "found", postId: id, url: `https://www.linkedin.com/feed/update/${id}/` });
    expect(fake.posts).toHaveLength(1);
    const [finder] = seen("GET", "/rest/posts");
    expect(finder?.query.get("author")).toBe("urn:li:organization:2414183");
    expect(finder?.headers["linkedin-version"]).toBe("202607");
  });

  it("answers unknown when LinkedIn does not answer in time, and lookup finds the post", async () => {
    // Prepare
    const request = publishRequest("linkedin");
    fake.failNext("timeout");

    // Act
    const outcome = await adapter({}, 200).publish(request);
    const found = await adapter().lookup(request);

    // Assess
    expect(outcome.kind).toBe("unknown");
    expect(found.kind).toBe("found");
    expect(fake.posts).toHaveLength(1);
  });

  it("answers absent for a post that was never created", async () => {
    // Prepare
    await adapter().publish(publishRequest("linkedin", { article: CYRILLIC_SOURCE }));

    // Act
    const outcome = await adapter().lookup(publishRequest("linkedin"));

    // Assess
    expect(outcome).toEqual({ kind: "absent" });
  });
});
