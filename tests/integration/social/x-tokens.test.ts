import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createXAdapter } from "../../../functions/adapters/social/x/adapter.js";
import type { XSettings } from "../../../functions/adapters/social/x/settings.js";
import { startXFake, type XFake } from "../../helpers/social/fakes/x.js";
import { memoryCredentials } from "../../helpers/social/memory-credentials.js";
import { CYRILLIC_SOURCE, publishRequest, SEED_SOURCE } from "../../helpers/social/publish-request.js";

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

describe("X adapter: tokens", () => {
  it("refreshes an expired token, stores both rotated tokens, and retries once with the new one", async () => {
    // Prepare
    fake.expireAccessToken();

    // Act
    const outcome = await adapter().publish(publishRequest("x"));
    const later = await adapter().publish(publishRequest("x", { article: CYRILLIC_SOURCE }));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(later.kind).toBe("posted");
    expect(credentials.stored.get("x/heraldnews")?.values).toMatchObject({
      accessToken: "x-access-2",
      refreshToken: "x-refresh-2",
    });
    const refreshes = fake.requests.filter((r) => r.path === "/2/oauth2/token");
    expect(refreshes).toHaveLength(1);
    expect(new URLSearchParams(refreshes[0]?.body.toString()).get("refresh_token")).toBe("x-refresh-1");
    expect(posts().map((r) => r.headers.authorization)).toEqual([
      "Bearer x-access-1",
      "Bearer x-access-2",
      "Bearer x-access-2",
    ]);
    expect(fake.posts).toHaveLength(2);
    expect(credentials.attention.size).toBe(0);
  });

  it("uses the tokens another worker refreshed instead of spending the rotated refresh token again", async () => {
    // Prepare
    const worker = adapter();
    await worker.publish(publishRequest("x"));
    fake.expireAccessToken();
    await adapter().publish(publishRequest("x", { article: CYRILLIC_SOURCE }));

    // Act
    const outcome = await worker.publish(
      publishRequest("x", { article: { ...SEED_SOURCE, url: "https://news.example.org/b" } }),
    );

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(fake.requests.filter((r) => r.path === "/2/oauth2/token")).toHaveLength(1);
    expect(posts().at(-1)?.headers.authorization).toBe("Bearer x-access-2");
    expect(fake.posts).toHaveLength(3);
  });

  it("uses newly configured tokens rather than tokens stored from the old ones", async () => {
    // Prepare: a refresh stored x-access-2, then an operator put a reissued token in the settings.
    fake.expireAccessToken();
    await adapter().publish(publishRequest("x"));
    fake.tokens.access = "x-access-reissued";

    // Act
    const outcome = await adapter({
      accessToken: "x-access-reissued",
      refreshToken: "x-refresh-reissued",
    }).publish(publishRequest("x", { article: CYRILLIC_SOURCE }));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(posts().at(-1)?.headers.authorization).toBe("Bearer x-access-reissued");
  });

  it("answers auth and flags the account when the refresh token is refused", async () => {
    // Prepare
    fake.expireAccessToken();
    fake.revokeRefreshToken();

    // Act
    const outcome = await adapter().publish(publishRequest("x"));

    // Assess
    expect(outcome).toMatchObject({
      kind: "auth",
      message: expect.stringContaining("Value passed for the token"),
    });
    expect(outcome.kind === "auth" && outcome.message).not.toContain("x-refresh-1");
    expect(credentials.attention.get("x/heraldnews")).toBeDefined();
    expect(fake.posts).toHaveLength(0);
  });

  it("answers auth and flags the account when no refresh token is configured", async () => {
    // Prepare
    fake.expireAccessToken();

    // Act
    const outcome = await adapter({ refreshToken: undefined }).publish(publishRequest("x"));

    // Assess
    expect(outcome.kind).toBe("auth");
    expect(credentials.attention.has("x/heraldnews")).toBe(true);
    expect(fake.requests.some((r) => r.path === "/2/oauth2/token")).toBe(false);
  });
});
