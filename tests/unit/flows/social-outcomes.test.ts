import { describe, expect, it } from "vitest";
import { MAX_UNRESOLVED, type SocialIntent } from "../../../functions/domain/social/intent.js";
import type { LookupOutcome, PublishOutcome } from "../../../functions/flows/ports/social.js";
import { abandoned, afterLookup, afterPublish, claimed } from "../../../functions/flows/social-outcomes.js";

const NOW = new Date("2026-03-02T07:00:00.000Z");
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const POST = { postId: "111", url: "https://social.example/@news/111" };

/** An intent a worker claimed to publish, after `unresolved` calls whose outcome stayed unknown. */
function claimedIntent(unresolved = 0, overrides: Partial<SocialIntent> = {}): SocialIntent {
  const pending: SocialIntent = {
    editionId: "ed_unit000000000000000001",
    network: "mastodon",
    account: "@news@social.example",
    status: unresolved > 0 ? "unknown" : "pending",
    attempts: unresolved,
    unresolved,
    errors: unresolved > 0 ? ["earlier timeout"] : [],
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    version: 3,
    ...overrides,
  };
  return claimed(pending, "publish", NOW, 120_000);
}

describe("claimed", () => {
  it.each([
    ["publish", 1],
    ["lookup", 0],
  ] as const)("holds the intent for the lease; a %s adds %i to its attempts", (kind, added) => {
    // Prepare
    const intent = claimedIntent(1, { retryAt: NOW.toISOString() });

    // Act
    const next = claimed(intent, kind, at(5), 120_000);

    // Assess
    expect(next).toMatchObject({ status: "attempting", leaseUntil: at(125).getTime(), retryAt: undefined });
    expect(next.attempts).toBe(intent.attempts + added);
  });
});

describe("afterPublish", () => {
  it.each<
    [string, PublishOutcome, Partial<SocialIntent>, { retryIn?: number; flag?: string; clearFlag?: boolean }]
  >([
    [
      "posted",
      { kind: "posted", ...POST },
      { status: "posted", ...POST, error: undefined },
      { clearFlag: true },
    ],
    [
      "a duplicate the network names",
      { kind: "duplicate", ...POST, message: "already posted" },
      { status: "posted", ...POST, message: "the network already had this post: already posted" },
      { clearFlag: true },
    ],
    [
      "a duplicate the network does not name",
      { kind: "duplicate", message: "duplicate status" },
      { status: "posted", message: expect.stringMatching(/^counted as posted: .*duplicate status/) },
      { clearFlag: true },
    ],
    [
      "rate_limited until after now",
      { kind: "rate_limited", retryAt: at(900), message: "429 Too Many Requests" },
      { status: "pending", retryAt: at(902.5).toISOString(), error: "429 Too Many Requests" },
      { retryIn: 902.5 },
    ],
    [
      "rate_limited with a reset already past",
      { kind: "rate_limited", retryAt: at(-60), message: "429" },
      { status: "pending", retryAt: at(2.5).toISOString() },
      { retryIn: 2.5 },
    ],
    [
      "unknown",
      { kind: "unknown", message: "timed out after 10 s" },
      { status: "unknown", unresolved: 1, retryAt: at(60).toISOString(), error: "timed out after 10 s" },
      { retryIn: 60 },
    ],
    [
      "auth (credentials dead)",
      { kind: "auth", message: "The access token was revoked" },
      {
        status: "failed",
        error: "The access token was revoked",
        message: "the account's credentials must be renewed",
      },
      { flag: "The access token was revoked" },
    ],
    [
      "failed",
      { kind: "failed", message: "Validation failed: Text character limit of 500 exceeded" },
      { status: "failed", error: "Validation failed: Text character limit of 500 exceeded" },
      {},
    ],
  ])("settles a first publish that came back %s", (_, outcome, intent, step) => {
    // Prepare
    const claim = claimedIntent();

    // Act
    const next = afterPublish(claim, outcome, NOW, 0.5);

    // Assess
    expect(next.intent).toMatchObject({ ...intent, leaseUntil: undefined, attempts: 1 });
    expect(next.retryAt).toEqual(step.retryIn === undefined ? undefined : at(step.retryIn));
    expect(next.intent.retryAt).toEqual(next.retryAt?.toISOString());
    expect(next.flag).toBe(step.flag);
    expect(next.clearFlag).toBe(step.clearFlag);
    expect(next.publish).toBeUndefined();
  });

  it("keeps an intent whose earlier outcome is unknown `unknown` when it is rate limited", () => {
    // Act: a pending status would let the next worker publish without looking the post up first.
    const next = afterPublish(
      claimedIntent(2),
      { kind: "rate_limited", retryAt: at(30), message: "429" },
      NOW,
      0,
    );

    // Assess
    expect(next.intent).toMatchObject({
      status: "unknown",
      unresolved: 2,
      errors: ["earlier timeout", "429"],
    });
  });

  it.each([1, 2, 3, 4])("waits twice as long after each unknown outcome (%i before)", (before) => {
    // Act
    const next = afterPublish(claimedIntent(before), { kind: "unknown", message: "502" }, NOW, 0);

    // Assess
    expect(next.intent.unresolved).toBe(before + 1);
    expect(next.retryAt).toEqual(at(60 * 2 ** before));
  });

  it(`leaves the intent to a person after ${MAX_UNRESOLVED} unknown outcomes, with no retry`, () => {
    // Act
    const next = afterPublish(claimedIntent(MAX_UNRESOLVED - 1), { kind: "unknown", message: "502" }, NOW, 0);

    // Assess
    expect(next.retryAt).toBeUndefined();
    expect(next.intent).toMatchObject({ status: "unknown", unresolved: MAX_UNRESOLVED, retryAt: undefined });
    expect(next.intent.message).toMatch(/a person must check the account; nothing is posted again/);
  });
});

describe("afterLookup", () => {
  it.each<
    [string, LookupOutcome, Partial<SocialIntent>, { retryIn?: number; flag?: string; publish?: boolean }]
  >([
    ["found", { kind: "found", ...POST }, { status: "posted", ...POST, unresolved: 0 }, {}],
    ["absent", { kind: "absent" }, { status: "attempting", unresolved: 0 }, { publish: true }],
    ["unknown", { kind: "unknown", message: "503" }, { status: "unknown", unresolved: 2 }, { retryIn: 120 }],
    [
      "rate_limited",
      { kind: "rate_limited", retryAt: at(60), message: "429" },
      { status: "unknown", unresolved: 1, retryAt: at(60).toISOString() },
      { retryIn: 60 },
    ],
    [
      "auth (credentials dead)",
      { kind: "auth", message: "invalid_grant" },
      { status: "unknown", error: "invalid_grant", message: expect.stringContaining("checked by a person") },
      { flag: "invalid_grant" },
    ],
  ])("settles a lookup after an unknown publish that came back %s", (_, outcome, intent, step) => {
    // Prepare
    const claim = claimed(claimedIntent(1), "lookup", NOW, 120_000);

    // Act
    const next = afterLookup(claim, outcome, NOW, 0);

    // Assess
    expect(next.intent).toMatchObject(intent);
    expect(next.retryAt).toEqual(step.retryIn === undefined ? undefined : at(step.retryIn));
    expect(next.flag).toBe(step.flag);
    expect(next.publish).toBe(step.publish);
  });
});

describe("abandoned", () => {
  it("counts a claim whose worker died as one more unknown outcome, to be looked up", () => {
    // Act
    const next = abandoned(claimedIntent(), at(121));

    // Assess
    expect(next.intent).toMatchObject({ status: "unknown", unresolved: 1, leaseUntil: undefined });
    expect(next.intent.error).toMatch(/worker stopped during its call/);
    expect(next.retryAt).toEqual(at(181));
  });
});
