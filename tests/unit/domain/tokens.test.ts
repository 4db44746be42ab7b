import { describe, expect, it } from "vitest";
import { issueToken, verifyToken } from "../../../functions/domain/tokens.js";

const keys = { current: "k2", keys: { k2: "new-signing-key", k1: "old-signing-key" } };
const now = 1_800_000_000;

describe("link tokens", () => {
  it("round-trips a subscriber id for its purpose", () => {
    const token = issueToken(keys, "unsubscribe", "abc123", 0, now);
    expect(verifyToken(keys, "unsubscribe", token, now + 10 * 365 * 86400)).toEqual({
      ok: true,
      subject: "abc123",
    });
  });

  it("refuses a token made for another purpose", () => {
    const token = issueToken(keys, "preferences", "abc123", 0, now);
    expect(verifyToken(keys, "unsubscribe", token, now)).toMatchObject({
      ok: false,
      reason: "token is for another purpose",
    });
  });

  it("refuses a tampered subject, signature or purpose letter", () => {
    const token = issueToken(keys, "unsubscribe", "abc123", 0, now);
    const [p, s, k, e, mac] = token.split(".") as [string, string, string, string, string];
    expect(verifyToken(keys, "unsubscribe", [p, "abc124", k, e, mac].join("."), now).ok).toBe(false);
    expect(verifyToken(keys, "unsubscribe", [p, s, k, e, `${mac.slice(0, -1)}A`].join("."), now).ok).toBe(
      false,
    );
    expect(verifyToken(keys, "confirm", ["c", s, k, e, mac].join("."), now).ok).toBe(false);
    expect(verifyToken(keys, "unsubscribe", undefined, now).ok).toBe(false);
    expect(verifyToken(keys, "unsubscribe", "garbage", now).ok).toBe(false);
  });

  it("expires a token with a lifetime", () => {
    const token = issueToken(keys, "confirm", "abc123", 3600, now);
    expect(verifyToken(keys, "confirm", token, now + 3599).ok).toBe(true);
    expect(verifyToken(keys, "confirm", token, now + 3601)).toMatchObject({
      ok: false,
      reason: "token expired",
    });
  });

  it("keeps accepting tokens signed with a rotated-out key while it is listed, not after", () => {
    const old = issueToken(
      { current: "k1", keys: { k1: "old-signing-key" } },
      "unsubscribe",
      "abc123",
      0,
      now,
    );
    expect(verifyToken(keys, "unsubscribe", old, now).ok).toBe(true);
    expect(verifyToken({ current: "k2", keys: { k2: "new-signing-key" } }, "unsubscribe", old, now).ok).toBe(
      false,
    );
  });
});
