import { describe, expect, it } from "vitest";
import { adapterExamples } from "../../helpers/social/adapter-examples.js";
import { facebookHarness, NOW } from "../../helpers/social/network-harnesses.js";
import { publishRequest } from "../../helpers/social/publish-request.js";

const facebook = facebookHarness();
const shared = adapterExamples(facebook, (fake) => fake.posts);
/** The public URL Graph gives the Page's first post (its pfbid form). */
const pagePostUrl = () => {
  const id = facebook.fake.posts[0]?.id ?? "";
  return `https://www.facebook.com/${facebook.fake.pageId}/posts/pfbid0${id.split("_")[1]}`;
};

describe("Facebook adapter: publish", () => {
  it("posts the message and link to the Page feed with the Page token and returns the post's URL", async () => {
    // Prepare
    const request = publishRequest("facebook");

    // Act
    const outcome = await facebook.adapter().publish(request);

    // Assess
    const id = facebook.fake.posts[0]?.id;
    expect(outcome).toEqual({ kind: "posted", postId: id, url: `https://www.facebook.com/${id}` });
    const [sent, ...more] = facebook.requests(/\/feed$/, "POST");
    expect(more).toHaveLength(0);
    expect(sent?.path).toBe(`/v26.0/${facebook.fake.pageId}/feed`);
    expect(sent?.headers.authorization).toBe("Bearer fb-page-token");
    expect(Object.fromEntries(new URLSearchParams(sent?.body.toString()))).toEqual({
      message: request.post.message,
      link: request.post.link,
    });
    // The crawler reads the article's og:image: nothing is uploaded.
    expect(request.cardReads()).toBe(0);
  });

  shared.postsCyrillicAsComposed(
    (fake) => fake.posts[0]?.message,
    (post) => post.message,
  );

  shared.answersRateLimited("after the estimated time to regain access", (fake) => ({
    retryAt: new Date(NOW.getTime() + fake.regainMinutes * 60_000),
    message: expect.stringContaining("(#80001)"),
  }));

  it("answers duplicate for a post the Page has, naming it", async () => {
    // Prepare
    const request = publishRequest("facebook");
    await facebook.adapter().publish(request);

    // Act
    const outcome = await facebook.adapter().publish(request);

    // Assess
    expect(outcome).toEqual({
      kind: "duplicate",
      postId: facebook.fake.posts[0]?.id,
      url: pagePostUrl(),
      message: "(#506) Duplicate status message",
    });
    expect(facebook.fake.posts).toHaveLength(1);
  });

  it("answers failed with Graph's own message for an invalid link", async () => {
    // Prepare
    const base = publishRequest("facebook");
    const request = { ...base, post: { ...base.post, link: "not a link" } };

    // Act
    const outcome = await facebook.adapter().publish(request);

    // Assess
    expect(outcome).toEqual({ kind: "failed", message: "(#100) The parameter link is invalid" });
  });

  it("answers auth and flags the Page when the Page token is dead (it cannot be refreshed)", async () => {
    // Prepare
    facebook.fake.expirePageToken();

    // Act
    const outcome = await facebook.adapter().publish(publishRequest("facebook"));

    // Assess
    expect(outcome).toMatchObject({ kind: "auth", message: expect.stringContaining("Session has expired") });
    expect(outcome.kind === "auth" && outcome.message).not.toContain("fb-page-token");
    expect(facebook.credentials.attention.has(`facebook/${facebook.fake.pageId}`)).toBe(true);
    expect(facebook.fake.posts).toHaveLength(0);
  });
});

describe("Facebook adapter: outcome unknown, then lookup", () => {
  shared.findsThePostAfterAnUnknownOutcome(
    [
      [
        "on a 500 after Facebook created the post",
        "created_then_5xx",
        expect.stringContaining("unknown error"),
      ],
      ["when Facebook does not answer in time", "timeout"],
    ],
    (fake) => ({ postId: fake.posts[0]?.id, url: pagePostUrl() }),
  );

  it("finds the post when the crawler lists the article's canonical URL instead of the tagged one", async () => {
    // Prepare
    const request = publishRequest("facebook");
    facebook.fake.canonicalizeLinks();
    facebook.fake.failNext("created_then_5xx");
    await facebook.adapter().publish(request);

    // Act
    const found = await facebook.adapter().lookup(request);

    // Assess
    expect(found).toMatchObject({ kind: "found", postId: facebook.fake.posts[0]?.id });
  });

  shared.answersAbsentForAPostNeverMade();
});
