import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createXAdapter } from "../../../functions/adapters/social/x/adapter.js";
import type { XSettings } from "../../../functions/adapters/social/x/settings.js";
import { startXFake, type XFake } from "../../helpers/social/fakes/x.js";
import { jsonBody } from "../../helpers/social/loopback.js";
import { memoryCredentials } from "../../helpers/social/memory-credentials.js";
import { CYRILLIC_SOURCE, publishRequest } from "../../helpers/social/publish-request.js";

let fake: XFake;
let credentials: ReturnType<typeof memoryCredentials>;

beforeEach(async () => {
  fake = await startXFake();
  credentials = memoryCredentials();
});
afterEach(() => fake.close());

function settings(overrides: Partial<XSettings> = {}): XSettings {
  return {
    apiUrl: fake.url,
    username: "heraldnews",
    accessToken: "x-access-1",
    refreshToken: "x-refresh-1",
    clientId: "herald-client",
    ...overrides,
  };
}
const adapter = (overrides: Partial<XSettings> = {}) =>
  createXAdapter({ settings: settings(overrides), credentials, now: () => new Date(), timeoutMs: 1_000 });
const posts = () => fake.requests.filter((r) => r.method === "POST" && r.path === "/2/tweets");

describe("X adapter: publish", () => {
  it("posts the composed text once with the bearer token and returns the post's public URL", async () => {
    // Prepare
    const request = publishRequest("x");

    // Act
    const outcome = await adapter().publish(request);

    // Assess
    const id = fake.posts[0]?.id;
    expect(outcome).toEqual({ kind: "posted", postId: id, url: `https://x.com/heraldnews/status/${id}` });
    const [sent, ...more] = posts();
    expect(more).toHaveLength(0);
    expect(sent?.headers.authorization).toBe("Bearer x-access-1");
    expect(sent && jsonBody(sent)).toEqual({ text: request.post.text });
    expect(fake.posts[0]?.urls).toEqual([request.url]);
    // X builds the link card from the article's tags: nothing is uploaded.
    expect(request.cardReads()).toBe(0);
  });

  it("posts a Cyrillic headline exactly as composed", async () => {
    // Prepare
    const request = publishRequest("x", { article: CYRILLIC_SOURCE });

    // Act
    const outcome = await adapter().publish(request);

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(fake.posts[0]?.text).toBe(request.post.text);
    expect(fake.posts[0]?.text.startsWith("США просять Європу")).toBe(true);
  });

  it("answers rate_limited at the window's reset when the window is used up, posting nothing", async () => {
    // Prepare
    fake.failNext("rate_limit");

    // Act
    const outcome = await adapter().publish(publishRequest("x"));

    // Assess
    expect(outcome).toMatchObject({ kind: "rate_limited", message: "Too Many Requests" });
    expect(outcome.kind === "rate_limited" && outcome.retryAt.getTime()).toBe(fake.resets.window * 1000);
    expect(fake.posts).toHaveLength(0);
  });

  it("waits for the 24-hour reset when the daily cap is the limit used up", async () => {
    // Prepare
    fake.failNext("daily_cap");

    // Act
    const outcome = await adapter().publish(publishRequest("x"));

    // Assess
    expect(outcome.kind === "rate_limited" && outcome.retryAt.getTime()).toBe(fake.resets.day * 1000);
    expect(fake.posts).toHaveLength(0);
  });

  it("answers duplicate for text X already has, naming the earlier post", async () => {
    // Prepare
    const request = publishRequest("x");
    const first = await adapter().publish(request);

    // Act
    const outcome = await adapter().publish(request);

    // Assess
    expect(first.kind).toBe("posted");
    expect(outcome).toEqual({
      kind: "duplicate",
      message: "You are not allowed to create a Tweet with duplicate content.",
      postId: first.kind === "posted" ? first.postId : "",
      url: first.kind === "posted" ? first.url : "",
    });
    expect(fake.posts).toHaveLength(1);
  });

  it("answers failed with X's own message when X refuses the text", async () => {
    // Prepare: longer than 280 weighted characters, as a composer bug would send it.
    const request = { ...publishRequest("x"), post: { network: "x" as const, text: "a".repeat(281) } };

    // Act
    const outcome = await adapter().publish(request);

    // Assess
    expect(outcome).toEqual({ kind: "failed", message: "The text of your post is too long or empty." });
    expect(fake.posts).toHaveLength(0);
  });
});

describe("X adapter: outcome unknown, then lookup", () => {
  it("answers unknown on a 5xx after X created the post, and lookup finds that one post", async () => {
    // Prepare
    const request = publishRequest("x");
    fake.failNext("created_then_5xx");

    // Act
    const outcome = await adapter().publish(request);
    const found = await adapter().lookup(request);

    // Assess
    expect(outcome.kind).toBe("unknown");
    const id = fake.posts[0]?.id;
    expect(found).toEqual({ kind: "found", postId: id, url: `https://x.com/heraldnews/status/${id}` });
    expect(fake.posts).toHaveLength(1);
  });

  it("answers unknown when X does not answer in time, and lookup finds the post", async () => {
    // Prepare
    const request = publishRequest("x");
    fake.failNext("timeout");

    // Act
    const outcome = await createXAdapter({
      settings: settings(),
      credentials,
      now: () => new Date(),
      timeoutMs: 200,
    }).publish(request);
    const found = await adapter().lookup(request);

    // Assess
    expect(outcome).toMatchObject({ kind: "unknown", message: expect.stringContaining("200 ms") });
    expect(found.kind).toBe("found");
    expect(fake.posts).toHaveLength(1);
  });

  it("answers absent for a post that was never created, even with other posts on the account", async () => {
    // Prepare
    await adapter().publish(publishRequest("x", { article: CYRILLIC_SOURCE }));

    // Act
    const outcome = await adapter().lookup(publishRequest("x"));

    // Assess
    expect(outcome).toEqual({ kind: "absent" });
  });
});
