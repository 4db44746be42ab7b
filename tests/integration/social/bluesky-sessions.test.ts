import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBlueskyAdapter } from "../../../functions/adapters/social/bluesky/adapter.js";
import {
  type BlueskyFake,
  type SignInRefusal,
  startBlueskyFake,
} from "../../helpers/social/fakes/bluesky.js";
import { memoryCredentials } from "../../helpers/social/memory-credentials.js";
import { publishRequest } from "../../helpers/social/publish-request.js";

const NOW = new Date("2026-02-15T09:00:00.000Z");
const ACCOUNT = "news.example.org";

let fake: BlueskyFake;
beforeEach(async () => {
  fake = await startBlueskyFake();
});
afterEach(() => fake.close());

/** A new adapter over `credentials`, as a new Lambda invocation makes one. */
function adapter(credentials = memoryCredentials(), appPassword = fake.password) {
  const settings = { apiUrl: fake.url, identifier: fake.handle, appPassword };
  return createBlueskyAdapter({ settings, credentials, now: () => NOW });
}

const createRecordAuth = () =>
  fake.requests
    .filter((r) => r.path === "/xrpc/com.atproto.repo.createRecord")
    .map((r) => r.headers.authorization);

describe("Bluesky sessions", () => {
  it("creates one session and reuses it from the store, in this adapter and the next", async () => {
    // Prepare
    const credentials = memoryCredentials();

    // Act
    await adapter(credentials).publish(publishRequest("bluesky", { editionId: "ed_1" }));
    const first = adapter(credentials);
    await first.publish(publishRequest("bluesky", { editionId: "ed_2" }));
    await first.publish(publishRequest("bluesky", { editionId: "ed_3" }));

    // Assess
    expect(fake.counts.createSession).toBe(1);
    expect(fake.posts).toHaveLength(3);
    const stored = await credentials.get("bluesky", ACCOUNT);
    expect(stored?.version).toBe(1);
    // The createSession answer carried the account's email: it is not kept.
    expect(Object.keys(stored?.values ?? {}).sort()).toEqual(["accessJwt", "did", "handle", "refreshJwt"]);
  });

  it("refreshes an expired access token, stores the new pair and retries with it, posting once", async () => {
    // Prepare
    const credentials = memoryCredentials();
    await adapter(credentials).publish(publishRequest("bluesky", { editionId: "ed_1" }));
    const before = await credentials.get("bluesky", ACCOUNT);
    fake.failNext("expired_token");

    // Act
    const outcome = await adapter(credentials).publish(publishRequest("bluesky", { editionId: "ed_2" }));

    // Assess
    const after = await credentials.get("bluesky", ACCOUNT);
    expect(outcome.kind).toBe("posted");
    expect(fake.counts).toEqual({ createSession: 1, refreshSession: 1 });
    expect(after?.version).toBe(2);
    expect(after?.values.accessJwt).not.toBe(before?.values.accessJwt);
    expect(createRecordAuth().slice(-2)).toEqual([
      `Bearer ${before?.values.accessJwt}`,
      `Bearer ${after?.values.accessJwt}`,
    ]);
    expect(fake.posts).toHaveLength(2);
  });

  it("falls back to createSession when the refresh token is dead too", async () => {
    // Prepare
    const credentials = memoryCredentials();
    await adapter(credentials).publish(publishRequest("bluesky", { editionId: "ed_1" }));
    fake.expireRefreshTokens();
    fake.failNext("expired_token");

    // Act
    const outcome = await adapter(credentials).publish(publishRequest("bluesky", { editionId: "ed_2" }));

    // Assess
    const after = await credentials.get("bluesky", ACCOUNT);
    expect(outcome.kind).toBe("posted");
    expect(fake.counts).toEqual({ createSession: 2, refreshSession: 0 });
    expect(createRecordAuth().at(-1)).toBe(`Bearer ${after?.values.accessJwt}`);
    expect(fake.posts).toHaveLength(2);
  });

  it("a worker whose token expired takes the session another worker renewed, instead of refreshing again", async () => {
    // Prepare: two workers over one store; the first renews after expiry, which spends the old refresh JWT.
    const credentials = memoryCredentials();
    const [first, second] = [adapter(credentials), adapter(credentials)];
    await first.publish(publishRequest("bluesky", { editionId: "ed_1" }));
    await second.publish(publishRequest("bluesky", { editionId: "ed_2" }));
    fake.failNext("expired_token");
    await first.publish(publishRequest("bluesky", { editionId: "ed_3" }));

    // Act
    const outcome = await second.publish(publishRequest("bluesky", { editionId: "ed_4" }));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(fake.counts).toEqual({ createSession: 1, refreshSession: 1 });
    expect(fake.posts).toHaveLength(4);
  });

  it("a session taken from the store that has expired as well is refreshed, not flagged", async () => {
    // Prepare: the second worker holds the first session; the store holds the renewed one.
    const credentials = memoryCredentials();
    const [first, second] = [adapter(credentials), adapter(credentials)];
    await first.publish(publishRequest("bluesky", { editionId: "ed_1" }));
    await second.publish(publishRequest("bluesky", { editionId: "ed_2" }));
    fake.failNext("expired_token");
    await first.publish(publishRequest("bluesky", { editionId: "ed_3" }));
    fake.failNext("expired_token", "com.atproto.repo.uploadBlob");

    // Act
    const outcome = await second.publish(publishRequest("bluesky", { editionId: "ed_4" }));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(fake.counts).toEqual({ createSession: 1, refreshSession: 2 });
    expect(credentials.attention.size).toBe(0);
    expect((await credentials.get("bluesky", ACCOUNT))?.version).toBe(3);
  });

  it("a rate-limited createSession is rate_limited at its reset, and nothing is flagged", async () => {
    // Prepare
    const credentials = memoryCredentials();
    fake.failNext("rate_limit", "com.atproto.server.createSession");

    // Act
    const outcome = await adapter(credentials).publish(publishRequest("bluesky"));

    // Assess
    expect(outcome).toMatchObject({ kind: "rate_limited", retryAt: fake.rateLimitReset });
    expect(credentials.attention.size).toBe(0);
    expect(fake.posts).toEqual([]);
  });

  it.each<[SignInRefusal, string]>([
    ["AuthenticationRequired", "Invalid identifier or password"],
    ["AuthFactorTokenRequired", "A sign in code has been sent to your email address"],
    ["AccountTakedown", "Account has been taken down"],
  ])("a sign-in refused with %s is auth, and the account is flagged", async (refusal, said) => {
    // Prepare
    const credentials = memoryCredentials();
    await adapter(credentials).publish(publishRequest("bluesky", { editionId: "ed_1" }));
    fake.expireRefreshTokens();
    fake.failNext("expired_token");
    fake.refuseSignIn(refusal);

    // Act
    const outcome = await adapter(credentials).publish(publishRequest("bluesky", { editionId: "ed_2" }));

    // Assess
    expect(outcome).toEqual({
      kind: "auth",
      message: `Bluesky refused the credentials: ${refusal}: ${said}`,
    });
    expect(credentials.attention.get(`bluesky/${ACCOUNT}`)).toContain(refusal);
    expect(fake.posts).toHaveLength(1);
  });

  it("a wrong app password never reaches a message, and a later good sign-in clears the flag", async () => {
    // Prepare
    const credentials = memoryCredentials();
    const wrong = "wxyz-wxyz-wxyz-wxyz";

    // Act
    const refused = await adapter(credentials, wrong).publish(publishRequest("bluesky"));
    const flagged = credentials.attention.get(`bluesky/${ACCOUNT}`);
    const posted = await adapter(credentials).publish(publishRequest("bluesky"));

    // Assess
    expect(refused.kind).toBe("auth");
    expect(JSON.stringify(refused)).not.toContain(wrong);
    expect(flagged).toBeDefined();
    expect(flagged).not.toContain(wrong);
    expect(posted.kind).toBe("posted");
    expect(credentials.attention.size).toBe(0);
  });
});
