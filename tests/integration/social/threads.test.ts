import { describe, expect, it } from "vitest";
import { adapterExamples } from "../../helpers/social/adapter-examples.js";
import { NOW, threadsHarness } from "../../helpers/social/network-harnesses.js";
import { publishRequest } from "../../helpers/social/publish-request.js";

const threads = threadsHarness();
const shared = adapterExamples(threads, (fake) => fake.posts);
const calls = () => threads.fake.requests.map((r) => `${r.method} ${r.path}`);

describe("Threads adapter: publish", () => {
  it("creates a TEXT container with the link, publishes it, and returns the post's permalink", async () => {
    // Prepare
    const request = publishRequest("threads");

    // Act
    const outcome = await threads.adapter().publish(request);

    // Assess
    const [post] = threads.fake.posts;
    expect(outcome).toEqual({ kind: "posted", postId: post?.id, url: post?.permalink });
    const container = threads.fake.containers[0]?.id;
    expect(calls()).toEqual([
      `POST /v1.0/${threads.fake.userId}/threads`,
      `GET /v1.0/${container}`,
      `POST /v1.0/${threads.fake.userId}/threads_publish`,
      `GET /v1.0/${post?.id}`,
    ]);
    const [create, , publish] = threads.fake.requests;
    expect(create?.headers.authorization).toBe("Bearer th-token-1");
    expect(Object.fromEntries(new URLSearchParams(create?.body.toString()))).toEqual({
      media_type: "TEXT",
      text: request.post.text,
      link_attachment: request.post.linkAttachment,
    });
    expect(new URLSearchParams(publish?.body.toString()).get("creation_id")).toBe(container);
    expect(threads.fake.posts).toHaveLength(1);
    // Threads builds the link preview itself: nothing is uploaded.
    expect(request.cardReads()).toBe(0);
  });

  shared.postsCyrillicAsComposed(
    (fake) => fake.posts[0]?.text,
    (post) => post.text,
  );

  it("waits while the container is IN_PROGRESS and publishes once it is FINISHED", async () => {
    // Prepare
    threads.fake.failNext("container_in_progress");

    // Act
    const outcome = await threads.adapter().publish(publishRequest("threads"));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(calls().filter((c) => c === `GET /v1.0/${threads.fake.containers[0]?.id}`)).toHaveLength(3);
  });

  it("answers failed, publishing nothing, when the container never finishes", async () => {
    // Prepare
    threads.fake.failNext("container_in_progress");

    // Act
    const outcome = await threads.adapter({}, { containerPolls: 2 }).publish(publishRequest("threads"));

    // Assess
    expect(outcome).toEqual({
      kind: "failed",
      message: "Threads was still processing the post after 2 checks",
    });
    expect(calls().some((c) => c.endsWith("/threads_publish"))).toBe(false);
    expect(threads.fake.posts).toHaveLength(0);
  });

  it("creates the container again after a 5xx (a container is not a post), and posts once", async () => {
    // Prepare
    threads.fake.failNext("container_5xx");

    // Act
    const outcome = await threads.adapter().publish(publishRequest("threads"));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(calls().filter((c) => c === `POST /v1.0/${threads.fake.userId}/threads`)).toHaveLength(2);
    expect(threads.fake.posts).toHaveLength(1);
  });

  shared.answersRateLimited("after Meta's default wait when the publish is throttled", () => ({
    retryAt: new Date(NOW.getTime() + 60 * 60_000),
    message: "Application request limit reached",
  }));

  it("answers failed with Threads' own message for text over 500 characters", async () => {
    // Prepare
    const base = publishRequest("threads");
    const request = { ...base, post: { ...base.post, text: "ы".repeat(501) } };

    // Act
    const outcome = await threads.adapter().publish(request);

    // Assess
    expect(outcome).toEqual({ kind: "failed", message: "Param text must be at most 500 characters long." });
    expect(threads.fake.posts).toHaveLength(0);
  });
});

describe("Threads adapter: outcome unknown, then lookup", () => {
  shared.findsThePostAfterAnUnknownOutcome(
    [
      ["on a 5xx after Threads published", "created_then_5xx"],
      ["when threads_publish does not answer in time", "timeout"],
    ],
    (fake) => ({ postId: fake.posts[0]?.id, url: fake.posts[0]?.permalink }),
  );

  it("answers absent when the container it made was never published", async () => {
    // Prepare
    const adapter = threads.adapter();
    const request = publishRequest("threads");
    threads.fake.failNext("rate_limit");
    await adapter.publish(request);

    // Act
    const outcome = await adapter.lookup(request);

    // Assess
    expect(outcome).toEqual({ kind: "absent" });
    expect(calls().at(-1)).toBe(`GET /v1.0/${threads.fake.containers[0]?.id}`);
  });

  shared.answersAbsentForAPostNeverMade();
});
