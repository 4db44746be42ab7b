import { describe, expect, it } from "vitest";
import type { SignInRefusal } from "../../helpers/social/fakes/bluesky.js";
import { blueskyHarness } from "../../helpers/social/network-harnesses.js";
import { publishRequest } from "../../helpers/social/publish-request.js";

const ACCOUNT = "news.example.org";

// Every adapter a test makes shares the test's credential store, as Lambda invocations share the table.
const bluesky = blueskyHarness();
const post = (editionId?: string) => publishRequest("bluesky", editionId ? { editionId } : {});
const createRecordAuth = () =>
  bluesky.requests("/xrpc/com.atproto.repo.createRecord").map((r) => r.headers.authorization);

/**
 * Two workers over one store, both holding the first session; the first then renews it after it
 * expired, which spends the old refresh JWT. Answers the second worker, three posts made.
 */
async function secondWorkerAfterARenewal() {
  const [first, second] = [bluesky.adapter(), bluesky.adapter()];
  await first.publish(post("ed_1"));
  await second.publish(post("ed_2"));
  bluesky.fake.failNext("expired_token");
  await first.publish(post("ed_3"));
  return second;
}

describe("Bluesky sessions", () => {
  it("creates one session and reuses it from the store, in this adapter and the next", async () => {
    // Act
    await bluesky.adapter().publish(post("ed_1"));
    const first = bluesky.adapter();
    await first.publish(post("ed_2"));
    await first.publish(post("ed_3"));

    // Assess
    expect(bluesky.fake.counts.createSession).toBe(1);
    expect(bluesky.fake.posts).toHaveLength(3);
    const stored = await bluesky.credentials.get("bluesky", ACCOUNT);
    expect(stored?.version).toBe(1);
    // The createSession answer carried the account's email: it is not kept.
    expect(Object.keys(stored?.values ?? {}).sort()).toEqual(["accessJwt", "did", "handle", "refreshJwt"]);
  });

  it("refreshes an expired access token, stores the new pair and retries with it, posting once", async () => {
    // Prepare
    await bluesky.adapter().publish(post("ed_1"));
    const before = await bluesky.credentials.get("bluesky", ACCOUNT);
    bluesky.fake.failNext("expired_token");

    // Act
    const outcome = await bluesky.adapter().publish(post("ed_2"));

    // Assess
    const after = await bluesky.credentials.get("bluesky", ACCOUNT);
    expect(outcome.kind).toBe("posted");
    expect(bluesky.fake.counts).toEqual({ createSession: 1, refreshSession: 1 });
    expect(after?.version).toBe(2);
    expect(after?.values.accessJwt).not.toBe(before?.values.accessJwt);
    expect(createRecordAuth().slice(-2)).toEqual([
      `Bearer ${before?.values.accessJwt}`,
      `Bearer ${after?.values.accessJwt}`,
    ]);
    expect(bluesky.fake.posts).toHaveLength(2);
  });

  it("falls back to createSession when the refresh token is dead too", async () => {
    // Prepare
    await bluesky.adapter().publish(post("ed_1"));
    bluesky.fake.expireRefreshTokens();
    bluesky.fake.failNext("expired_token");

    // Act
    const outcome = await bluesky.adapter().publish(post("ed_2"));

    // Assess
    const after = await bluesky.credentials.get("bluesky", ACCOUNT);
    expect(outcome.kind).toBe("posted");
    expect(bluesky.fake.counts).toEqual({ createSession: 2, refreshSession: 0 });
    expect(createRecordAuth().at(-1)).toBe(`Bearer ${after?.values.accessJwt}`);
    expect(bluesky.fake.posts).toHaveLength(2);
  });

  it("a worker whose token expired takes the session another worker renewed, instead of refreshing again", async () => {
    // Prepare
    const second = await secondWorkerAfterARenewal();

    // Act
    const outcome = await second.publish(post("ed_4"));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(bluesky.fake.counts).toEqual({ createSession: 1, refreshSession: 1 });
    expect(bluesky.fake.posts).toHaveLength(4);
  });

  it("a session taken from the store that has expired as well is refreshed, not flagged", async () => {
    // Prepare: the second worker holds the first session; the store holds the renewed one.
    const second = await secondWorkerAfterARenewal();
    bluesky.fake.failNext("expired_token", "com.atproto.repo.uploadBlob");

    // Act
    const outcome = await second.publish(post("ed_4"));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(bluesky.fake.counts).toEqual({ createSession: 1, refreshSession: 2 });
    expect(bluesky.credentials.attention.size).toBe(0);
    expect((await bluesky.credentials.get("bluesky", ACCOUNT))?.version).toBe(3);
  });

  it("a rate-limited createSession is rate_limited at its reset, and nothing is flagged", async () => {
    // Prepare
    bluesky.fake.failNext("rate_limit", "com.atproto.server.createSession");

    // Act
    const outcome = await bluesky.adapter().publish(post());

    // Assess
    expect(outcome).toMatchObject({ kind: "rate_limited", retryAt: bluesky.fake.rateLimitReset });
    expect(bluesky.credentials.attention.size).toBe(0);
    expect(bluesky.fake.posts).toEqual([]);
  });

  it.each<[SignInRefusal, string]>([
    ["AuthenticationRequired", "Invalid identifier or password"],
    ["AuthFactorTokenRequired", "A sign in code has been sent to your email address"],
    ["AccountTakedown", "Account has been taken down"],
  ])("a sign-in refused with %s is auth, and the account is flagged", async (refusal, said) => {
    // Prepare
    await bluesky.adapter().publish(post("ed_1"));
    bluesky.fake.expireRefreshTokens();
    bluesky.fake.failNext("expired_token");
    bluesky.fake.refuseSignIn(refusal);

    // Act
    const outcome = await bluesky.adapter().publish(post("ed_2"));

    // Assess
    expect(outcome).toEqual({
      kind: "auth",
      message: `Bluesky refused the credentials: ${refusal}: ${said}`,
    });
    expect(bluesky.credentials.attention.get(`bluesky/${ACCOUNT}`)).toContain(refusal);
    expect(bluesky.fake.posts).toHaveLength(1);
  });

  it("a wrong app password never reaches a message, and a later good sign-in clears the flag", async () => {
    // Prepare
    const wrong = "wxyz-wxyz-wxyz-wxyz";

    // Act
    const refused = await bluesky.adapter({ appPassword: wrong }).publish(post());
    const flagged = bluesky.credentials.attention.get(`bluesky/${ACCOUNT}`);
    const posted = await bluesky.adapter().publish(post());

    // Assess
    expect(refused.kind).toBe("auth");
    expect(JSON.stringify(refused)).not.toContain(wrong);
    expect(flagged).toBeDefined();
    expect(flagged).not.toContain(wrong);
    expect(posted.kind).toBe("posted");
    expect(bluesky.credentials.attention.size).toBe(0);
  });
});
