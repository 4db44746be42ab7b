import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createThreadsAdapter } from "../../../functions/adapters/social/threads/adapter.js";
import { startThreadsFake, type ThreadsFake } from "../../helpers/social/fakes/threads.js";
import { memoryCredentials } from "../../helpers/social/memory-credentials.js";
import { CYRILLIC_SOURCE, publishRequest } from "../../helpers/social/publish-request.js";

const NOW = new Date("2026-03-01T17:20:00Z");
let fake: ThreadsFake;
let credentials: ReturnType<typeof memoryCredentials>;

beforeEach(async () => {
  fake = await startThreadsFake();
  credentials = memoryCredentials();
});
afterEach(() => fake.close());

const adapter = (options: { timeoutMs?: number; containerPolls?: number } = {}) =>
  createThreadsAdapter({
    settings: { apiUrl: fake.url, userId: fake.userId, accessToken: "th-token-1" },
    credentials,
    now: () => NOW,
    timeoutMs: options.timeoutMs ?? 1_000,
    containerPollMs: 0,
    containerPolls: options.containerPolls,
  });
const calls = () => fake.requests.map((r) => `${r.method} ${r.path}`);

describe("Threads adapter: publish", () => {
  it("creates a TEXT container with the link, publishes it, and returns the post's permalink", async () => {
    // Prepare
    const request = publishRequest("threads");

    // Act
    const outcome = await adapter().publish(request);

    // Assess
    const [post] = fake.posts;
    expect(outcome).toEqual({ kind: "posted", postId: post?.id, url: post?.permalink });
    const container = fake.containers[0]?.id;
    expect(calls()).toEqual([
      `POST /v1.0/${fake.userId}/threads`,
      `GET /v1.0/${container}`,
      `POST /v1.0/${fake.userId}/threads_publish`,
      `GET /v1.0/${post?.id}`,
    ]);
    const [create, , publish] = fake.requests;
    expect(create?.headers.authorization).toBe("Bearer th-token-1");
    expect(Object.fromEntries(new URLSearchParams(create?.body.toString()))).toEqual({
      media_type: "TEXT",
      text: request.post.text,
      link_attachment: request.post.linkAttachment,
    });
    expect(new URLSearchParams(publish?.body.toString()).get("creation_id")).toBe(container);
    expect(fake.posts).toHaveLength(1);
    // Threads builds the link preview itself: nothing is uploaded.
    expect(request.cardReads()).toBe(0);
  });

  it("posts a Cyrillic headline exactly as composed", async () => {
    // Prepare
    const request = publishRequest("threads", { article: CYRILLIC_SOURCE });

    // Act
    await adapter().publish(request);

    // Assess
    expect(fake.posts[0]?.text).toBe(request.post.text);
    expect(fake.posts[0]?.text.startsWith(CYRILLIC_SOURCE.title)).toBe(true);
  });

  it("waits while the container is IN_PROGRESS and publishes once it is FINISHED", async () => {
    // Prepare
    fake.failNext("container_in_progress");

    // Act
    const outcome = await adapter().publish(publishRequest("threads"));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(calls().filter((c) => c === `GET /v1.0/${fake.containers[0]?.id}`)).toHaveLength(3);
  });

  it("answers failed, publishing nothing, when the container never finishes", async () => {
    // Prepare
    fake.failNext("container_in_progress");

    // Act
    const outcome = await adapter({ containerPolls: 2 }).publish(publishRequest("threads"));

    // Assess
    expect(outcome).toEqual({
      kind: "failed",
      message: "Threads was still processing the post after 2 checks",
    });
    expect(calls().some((c) => c.endsWith("/threads_publish"))).toBe(false);
    expect(fake.posts).toHaveLength(0);
  });

  it("creates the container again after a 5xx (a container is not a post), and posts once", async () => {
    // Prepare
    fake.failNext("container_5xx");

    // Act
    const outcome = await adapter().publish(publishRequest("threads"));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(calls().filter((c) => c === `POST /v1.0/${fake.userId}/threads`)).toHaveLength(2);
    expect(fake.posts).toHaveLength(1);
  });

  it("answers rate_limited after Meta's default wait when the publish is throttled, posting nothing", async () => {
    // Prepare
    fake.failNext("rate_limit");

    // Act
    const outcome = await adapter().publish(publishRequest("threads"));

    // Assess
    expect(outcome).toEqual({
      kind: "rate_limited",
      retryAt: new Date(NOW.getTime() + 60 * 60_000),
      message: "Application request limit reached",
    });
    expect(fake.posts).toHaveLength(0);
  });

  it("answers failed with Threads' own message for text over 500 characters", async () => {
    // Prepare
    const base = publishRequest("threads");
    const request = { ...base, post: { ...base.post, text: "ы".repeat(501) } };

    // Act
    const outcome = await adapter().publish(request);

    // Assess
    expect(outcome).toEqual({ kind: "failed", message: "Param text must be at most 500 characters long." });
    expect(fake.posts).toHaveLength(0);
  });
});

describe("Threads adapter: outcome unknown, then lookup", () => {
  it("answers unknown on a 5xx after Threads published, and lookup finds that one post", async () => {
    // Prepare
    const request = publishRequest("threads");
    fake.failNext("created_then_5xx");

    // Act
    const outcome = await adapter().publish(request);
    const found = await adapter().lookup(request);

    // Assess
    expect(outcome.kind).toBe("unknown");
    const [post, ...more] = fake.posts;
    expect(more).toHaveLength(0);
    expect(found).toEqual({ kind: "found", postId: post?.id, url: post?.permalink });
  });

  it("answers unknown when threads_publish does not answer in time, and lookup finds the post", async () => {
    // Prepare
    const request = publishRequest("threads");
    fake.failNext("timeout");

    // Act
    const outcome = await adapter({ timeoutMs: 200 }).publish(request);
    const found = await adapter().lookup(request);

    // Assess
    expect(outcome.kind).toBe("unknown");
    expect(found.kind).toBe("found");
    expect(fake.posts).toHaveLength(1);
  });

  it("answers absent when the container it made was never published", async () => {
    // Prepare
    const threads = adapter();
    const request = publishRequest("threads");
    fake.failNext("rate_limit");
    await threads.publish(request);

    // Act
    const outcome = await threads.lookup(request);

    // Assess
    expect(outcome).toEqual({ kind: "absent" });
    expect(calls().at(-1)).toBe(`GET /v1.0/${fake.containers[0]?.id}`);
  });

  it("answers absent for a post that was never created", async () => {
    // Prepare
    await adapter().publish(publishRequest("threads", { article: CYRILLIC_SOURCE }));

    // Act
    const outcome = await adapter().lookup(publishRequest("threads"));

    // Assess
    expect(outcome).toEqual({ kind: "absent" });
  });
});
