import { describe, expect, it } from "vitest";
import { xHarness } from "../../helpers/social/network-harnesses.js";
import { CYRILLIC_SOURCE, publishRequest, SEED_SOURCE } from "../../helpers/social/publish-request.js";

const x = xHarness();
const tokenCalls = () => x.requests("/2/oauth2/token");
const posts = () => x.requests("/2/tweets", "POST");

describe("X adapter: tokens", () => {
  it("refreshes an expired token, stores both rotated tokens, and retries once with the new one", async () => {
    // Prepare
    x.fake.expireAccessToken();

    // Act
    const outcome = await x.adapter().publish(publishRequest("x"));
    const later = await x.adapter().publish(publishRequest("x", { article: CYRILLIC_SOURCE }));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(later.kind).toBe("posted");
    expect(x.credentials.stored.get("x/heraldnews")?.values).toMatchObject({
      accessToken: "x-access-2",
      refreshToken: "x-refresh-2",
    });
    const refreshes = tokenCalls();
    expect(refreshes).toHaveLength(1);
    expect(new URLSearchParams(refreshes[0]?.body.toString()).get("refresh_token")).toBe("x-refresh-1");
    expect(posts().map((r) => r.headers.authorization)).toEqual([
      "Bearer x-access-1",
      "Bearer x-access-2",
      "Bearer x-access-2",
    ]);
    expect(x.fake.posts).toHaveLength(2);
    expect(x.credentials.attention.size).toBe(0);
  });

  it("uses the tokens another worker refreshed instead of spending the rotated refresh token again", async () => {
    // Prepare
    const worker = x.adapter();
    await worker.publish(publishRequest("x"));
    x.fake.expireAccessToken();
    await x.adapter().publish(publishRequest("x", { article: CYRILLIC_SOURCE }));

    // Act
    const outcome = await worker.publish(
      publishRequest("x", { article: { ...SEED_SOURCE, url: "https://news.example.org/b" } }),
    );

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(tokenCalls()).toHaveLength(1);
    expect(posts().at(-1)?.headers.authorization).toBe("Bearer x-access-2");
    expect(x.fake.posts).toHaveLength(3);
  });

  it("uses newly configured tokens rather than tokens stored from the old ones", async () => {
    // Prepare: a refresh stored x-access-2, then an operator put a reissued token in the settings.
    x.fake.expireAccessToken();
    await x.adapter().publish(publishRequest("x"));
    x.fake.tokens.access = "x-access-reissued";

    // Act
    const outcome = await x
      .adapter({
        accessToken: "x-access-reissued",
        refreshToken: "x-refresh-reissued",
      })
      .publish(publishRequest("x", { article: CYRILLIC_SOURCE }));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(posts().at(-1)?.headers.authorization).toBe("Bearer x-access-reissued");
  });

  it("answers auth and flags the account when the refresh token is refused", async () => {
    // Prepare
    x.fake.expireAccessToken();
    x.fake.revokeRefreshToken();

    // Act
    const outcome = await x.adapter().publish(publishRequest("x"));

    // Assess
    expect(outcome).toMatchObject({
      kind: "auth",
      message: expect.stringContaining("Value passed for the token"),
    });
    expect(outcome.kind === "auth" && outcome.message).not.toContain("x-refresh-1");
    expect(x.credentials.attention.get("x/heraldnews")).toBeDefined();
    expect(x.fake.posts).toHaveLength(0);
  });

  it("answers auth and flags the account when no refresh token is configured", async () => {
    // Prepare
    x.fake.expireAccessToken();

    // Act
    const outcome = await x.adapter({ refreshToken: undefined }).publish(publishRequest("x"));

    // Assess
    expect(outcome.kind).toBe("auth");
    expect(x.credentials.attention.has("x/heraldnews")).toBe(true);
    expect(tokenCalls()).toEqual([]);
  });
});
