import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  issueTrackToken,
  readTrackToken,
  TRACK_TOKEN_DAYS,
} from "../../../../functions/domain/tracking/track-token.js";

const keys = { current: "k1", keys: { k1: "secret-one", k0: "old-secret" } };
const ref = {
  kind: "click" as const,
  target: "ed_abcdefghijklmnopqrstuv",
  variant: "",
  link: 3,
  recipient: "0123456789abcdef0123456789abcdef",
  sentAt: 1_800_000_000,
};

describe("tracking tokens", () => {
  it("name what they were issued for, briefing variants included", () => {
    const token = issueTrackToken(keys, ref);
    expect(readTrackToken(keys, token, ref.sentAt + 60)).toEqual({ ref, counts: true });
    const briefing = { ...ref, kind: "open" as const, target: "br_20261206", variant: "business+world" };
    expect(readTrackToken(keys, issueTrackToken(keys, briefing), ref.sentAt).ref).toEqual(briefing);
  });

  it("do not count once any character is changed, nor after they expire", () => {
    const token = issueTrackToken(keys, ref);
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(..."abcXYZ019-_~."), (i, ch) => {
        fc.pre(token[i] !== ch);
        const changed = token.slice(0, i) + ch + token.slice(i + 1);
        expect(readTrackToken(keys, changed, ref.sentAt).counts).toBe(false);
      }),
    );
    const expired = readTrackToken(keys, token, ref.sentAt + TRACK_TOKEN_DAYS * 86400 + 1);
    expect(expired).toMatchObject({ counts: false, reason: "token expired", ref });
  });

  it("are refused for any other purpose, and other purposes' tokens are refused here", () => {
    expect(readTrackToken(keys, "u.0123.k1.0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", ref.sentAt)).toMatchObject({
      counts: false,
      ref: undefined,
    });
  });

  it("never yield a reference from garbage", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const { ref: got, counts } = readTrackToken(keys, s, ref.sentAt);
        expect(counts).toBe(false);
        if (got) expect(got.link).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
