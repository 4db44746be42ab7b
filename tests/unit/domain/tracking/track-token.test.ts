import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { issueToken } from "../../../../functions/domain/tokens.js";
import {
  issueEmailTrackToken,
  readTrackToken,
  TRACK_TOKEN_DAYS,
} from "../../../../functions/domain/tracking/track-token.js";

const keys = { current: "k1", keys: { k1: "secret-one", k0: "old-secret" } };
const email = {
  target: "ed_abcdefghijklmnopqrstuv",
  variant: "",
  recipient: "0123456789abcdef0123456789abcdef",
  sentAt: 1_800_000_000,
};
const ref = { ...email, kind: "click" as const, link: 3 };

/** A token as Herald issued one per link and one for the pixel before: the index signed inside. */
const oldToken = (kind: "c" | "o", link: number) =>
  issueToken(
    keys,
    "track",
    [
      "c" === kind ? "c" : "o",
      email.target,
      "",
      String(link),
      email.recipient,
      email.sentAt.toString(36),
    ].join("~"),
    TRACK_TOKEN_DAYS * 86400,
    email.sentAt,
  );

describe("tracking tokens", () => {
  it("name the email's link by the index after the token, or its pixel without one", () => {
    const token = issueEmailTrackToken(keys, email);
    expect(readTrackToken(keys, `${token}.3`, email.sentAt + 60)).toEqual({ ref, counts: true });
    expect(readTrackToken(keys, token, email.sentAt)).toEqual({
      ref: { ...email, kind: "open", link: 0 },
      counts: true,
    });
    const briefing = { ...email, target: "br_20261206", variant: "business+world" };
    expect(readTrackToken(keys, `${issueEmailTrackToken(keys, briefing)}.0`, email.sentAt).ref).toEqual({
      ...briefing,
      kind: "click",
      link: 0,
    });
  });

  it("still read the tokens issued per link and per pixel, which are in inboxes for 30 days", () => {
    expect(readTrackToken(keys, oldToken("c", 3), email.sentAt)).toEqual({ ref, counts: true });
    expect(readTrackToken(keys, oldToken("o", 0), email.sentAt).ref?.kind).toBe("open");
    // An old token names its own link: an index after it makes it no link at all.
    expect(readTrackToken(keys, `${oldToken("c", 3)}.1`, email.sentAt).ref).toBeUndefined();
  });

  it("do not count once any character of the token is changed, nor after they expire", () => {
    const token = issueEmailTrackToken(keys, email);
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(..."abcXYZ019-_~"), (i, ch) => {
        fc.pre(token[i] !== ch);
        const changed = token.slice(0, i) + ch + token.slice(i + 1);
        expect(readTrackToken(keys, `${changed}.3`, email.sentAt).counts).toBe(false);
      }),
    );
    const expired = readTrackToken(keys, `${token}.3`, email.sentAt + TRACK_TOKEN_DAYS * 86400 + 1);
    expect(expired).toMatchObject({ counts: false, reason: "token expired", ref });
  });

  it("take only a link index after the token, never anything else", () => {
    const token = issueEmailTrackToken(keys, email);
    for (const bad of ["", "x", "-1", "12345", "3x"]) {
      expect(readTrackToken(keys, `${token}.${bad}`, email.sentAt).ref).toBeUndefined();
    }
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
