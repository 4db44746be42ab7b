import { describe, expect, it } from "vitest";
import { adapterExamples } from "../../helpers/social/adapter-examples.js";
import { jsonBody } from "../../helpers/social/loopback.js";
import { xHarness } from "../../helpers/social/network-harnesses.js";
import { publishRequest } from "../../helpers/social/publish-request.js";

const x = xHarness();
const shared = adapterExamples(x, (fake) => fake.posts);
const postUrl = (id: string | undefined) => `https://x.com/heraldnews/status/${id}`;

describe("X adapter: publish", () => {
  it("posts the composed text once with the bearer token and returns the post's public URL", async () => {
    // Prepare
    const request = publishRequest("x");

    // Act
    const outcome = await x.adapter().publish(request);

    // Assess
    const id = x.fake.posts[0]?.id;
    expect(outcome).toEqual({ kind: "posted", postId: id, url: postUrl(id) });
    const [sent, ...more] = x.requests("/2/tweets", "POST");
    expect(more).toHaveLength(0);
    expect(sent?.headers.authorization).toBe("Bearer x-access-1");
    expect(sent && jsonBody(sent)).toEqual({ text: request.post.text });
    expect(x.fake.posts[0]?.urls).toEqual([request.url]);
    // X builds the link card from the article's tags: nothing is uploaded.
    expect(request.cardReads()).toBe(0);
  });

  shared.postsCyrillicAsComposed(
    (fake) => fake.posts[0]?.text,
    (post) => post.text,
  );

  shared.answersRateLimited("at the window's reset when the window is used up", (fake) => ({
    retryAt: new Date(fake.resets.window * 1000),
    message: "Too Many Requests",
  }));

  shared.answersRateLimited(
    "at the 24-hour reset when the daily cap is used up",
    (fake) => ({ retryAt: new Date(fake.resets.day * 1000), message: "Too Many Requests" }),
    "daily_cap",
  );

  it("answers duplicate for text X already has, naming the earlier post", async () => {
    // Prepare
    const request = publishRequest("x");
    const first = await x.adapter().publish(request);

    // Act
    const outcome = await x.adapter().publish(request);

    // Assess
    expect(first.kind).toBe("posted");
    expect(outcome).toEqual({
      kind: "duplicate",
      message: "You are not allowed to create a Tweet with duplicate content.",
      postId: first.kind === "posted" ? first.postId : "",
      url: first.kind === "posted" ? first.url : "",
    });
    expect(x.fake.posts).toHaveLength(1);
  });

  it("answers failed with X's own message when X refuses the text", async () => {
    // Prepare: longer than 280 weighted characters, as a composer bug would send it.
    const request = { ...publishRequest("x"), post: { network: "x" as const, text: "a".repeat(281) } };

    // Act
    const outcome = await x.adapter().publish(request);

    // Assess
    expect(outcome).toEqual({ kind: "failed", message: "The text of your post is too long or empty." });
    expect(x.fake.posts).toHaveLength(0);
  });
});

describe("X adapter: outcome unknown, then lookup", () => {
  shared.findsThePostAfterAnUnknownOutcome(
    [
      ["on a 5xx after X created the post", "created_then_5xx"],
      ["when X does not answer in time", "timeout", expect.stringContaining("1500 ms")],
    ],
    (fake) => ({ postId: fake.posts[0]?.id, url: postUrl(fake.posts[0]?.id) }),
  );

  shared.answersAbsentForAPostNeverMade();
});
