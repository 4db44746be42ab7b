import { describe, expect, it } from "vitest";
import { adapterExamples } from "../../helpers/social/adapter-examples.js";
import { jsonBody } from "../../helpers/social/loopback.js";
import { linkedinHarness } from "../../helpers/social/network-harnesses.js";
import { CYRILLIC_SOURCE, ONE_PIXEL_PNG, publishRequest } from "../../helpers/social/publish-request.js";

const linkedin = linkedinHarness();
const shared = adapterExamples(linkedin, (fake) => fake.posts);
const postUrl = (urn: string | undefined) => `https://www.linkedin.com/feed/update/${urn}/`;

describe("LinkedIn adapter: publish", () => {
  it("uploads the card, posts the article share with it as thumbnail, and returns the post's URL", async () => {
    // Prepare
    const request = publishRequest("linkedin");

    // Act
    const outcome = await linkedin.adapter().publish(request);

    // Assess
    const [post] = linkedin.fake.posts;
    expect(outcome).toEqual({
      kind: "posted",
      postId: post?.id,
      url: postUrl(post?.id),
    });
    expect(linkedin.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /rest/images",
      expect.stringMatching(/^PUT \/dms-uploads\//),
      "POST /rest/posts",
    ]);
    const [create] = linkedin.requests("/rest/posts", "POST");
    expect(create?.headers).toMatchObject({
      authorization: "Bearer li-access-1",
      "linkedin-version": "202607",
      "x-restli-protocol-version": "2.0.0",
    });
    const thumbnail = [...linkedin.fake.images.keys()][0];
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
    const outcome = await linkedin.adapter().publish(request);

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(linkedin.fake.posts[0]?.body.commentary).toBe(request.post.commentary);
    expect(linkedin.fake.posts[0]?.body.content).toMatchObject({ article: { title: CYRILLIC_SOURCE.title } });
  });

  shared.answersRateLimited("until the next midnight UTC", () => ({
    retryAt: new Date("2026-03-02T00:00:00Z"),
    message: "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.",
  }));

  it("answers duplicate with the earlier post's URN and URL parsed from LinkedIn's message", async () => {
    // Prepare
    const request = publishRequest("linkedin");
    await linkedin.adapter().publish(request);
    const earlier = linkedin.fake.posts[0]?.id;

    // Act
    const outcome = await linkedin.adapter().publish(request);

    // Assess
    expect(outcome).toMatchObject({
      kind: "duplicate",
      postId: earlier,
      url: postUrl(earlier),
    });
    expect(linkedin.fake.posts).toHaveLength(1);
  });

  it("retries an image upload that failed with a 5xx once, and posts", async () => {
    // Prepare
    linkedin.fake.failNext("upload_5xx");

    // Act
    const outcome = await linkedin.adapter().publish(publishRequest("linkedin"));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(linkedin.requests("/dms-uploads/", "PUT")).toHaveLength(2);
    expect(linkedin.fake.posts).toHaveLength(1);
  });

  it("answers failed with LinkedIn's own message when it refuses the post", async () => {
    // Prepare
    const base = publishRequest("linkedin");
    const request = { ...base, post: { ...base.post, commentary: "x".repeat(3001) } };

    // Act
    const outcome = await linkedin.adapter().publish(request);

    // Assess
    expect(outcome).toEqual({
      kind: "failed",
      message: "Invalid field /commentary: Commentary must be at most 3000 characters",
    });
    expect(linkedin.fake.posts).toHaveLength(0);
  });
});

describe("LinkedIn adapter: outcome unknown, then lookup", () => {
  shared.findsThePostAfterAnUnknownOutcome(
    [
      ["on a 5xx after LinkedIn created the post", "created_then_5xx"],
      ["when LinkedIn does not answer in time", "timeout"],
    ],
    (fake) => ({ postId: fake.posts[0]?.id, url: postUrl(fake.posts[0]?.id) }),
  );

  it("looks the post up among the organization's posts, with the API version", async () => {
    // Prepare
    const request = publishRequest("linkedin");
    await linkedin.adapter().publish(request);

    // Act
    const found = await linkedin.adapter().lookup(request);

    // Assess
    expect(found).toMatchObject({ kind: "found", postId: linkedin.fake.posts[0]?.id });
    const [finder] = linkedin.requests("/rest/posts", "GET");
    expect(finder?.query.get("author")).toBe("urn:li:organization:2414183");
    expect(finder?.headers["linkedin-version"]).toBe("202607");
  });

  shared.answersAbsentForAPostNeverMade();
});
