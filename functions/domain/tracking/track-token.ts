import { issueToken, type TokenKeys, verifyToken } from "../tokens.js";

/** A tracked link or pixel works (counts) this long after the email was sent; it redirects for ever. */
export const TRACK_TOKEN_DAYS = 30;

/**
 * What one tracked URL names: a click on link `link` (an index into the email's own link list) or
 * the open pixel, of the email sent for `target` (an edition or briefing id; `variant` is a
 * briefing's topic combination, empty for an edition) to `recipient`, at `sentAt` (unix seconds).
 */
export interface TrackRef {
  kind: "click" | "open";
  target: string;
  variant: string;
  link: number;
  recipient: string;
  sentAt: number;
}

const SEPARATOR = "~";
const SAFE_PART = /^[A-Za-z0-9_+-]*$/;

/**
 * Issues the token of one tracked URL: the project's signed token (purpose `track`), expiring
 * {@link TRACK_TOKEN_DAYS} after sending, so its signature covers every field of the reference.
 *
 * @example
 * issueTrackToken(keys, { kind: "click", target: "ed_…", variant: "", link: 2, recipient: id, sentAt });
 */
export function issueTrackToken(keys: TokenKeys, ref: TrackRef): string {
  const parts = [ref.kind === "click" ? "c" : "o", ref.target, ref.variant, String(ref.link), ref.recipient];
  if (!parts.every((p) => SAFE_PART.test(p))) throw new Error("a tracking reference part is not URL-safe");
  const subject = [...parts, ref.sentAt.toString(36)].join(SEPARATOR);
  return issueToken(keys, "track", subject, TRACK_TOKEN_DAYS * 86400, ref.sentAt);
}

/** The reference a token claims, read without trusting it (only to find which of our links it names). */
function parseSubject(subject: string): TrackRef | undefined {
  const parts = subject.split(SEPARATOR);
  if (parts.length !== 6 || !parts.every((p) => SAFE_PART.test(p))) return undefined;
  const [kind, target, variant, link, recipient, sent] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if ((kind !== "c" && kind !== "o") || !/^\d{1,4}$/.test(link) || !/^[0-9a-z]{1,10}$/.test(sent))
    return undefined;
  return {
    kind: kind === "c" ? "click" : "open",
    target,
    variant,
    link: Number(link),
    recipient,
    sentAt: Number.parseInt(sent, 36),
  };
}

/**
 * Reads a tracking token. `counts` says whether the event may be counted (signature good, not
 * expired); `ref` is what the token names even when it may not count, so a reader with a mangled
 * or old link still lands on the article: the reference can only name one of the target's own
 * stored links, never a URL of its own.
 *
 * @example
 * const { ref, counts } = readTrackToken(keys, token, nowSeconds);
 */
export function readTrackToken(
  keys: TokenKeys,
  token: string,
  nowSeconds: number,
): { ref: TrackRef | undefined; counts: boolean; reason?: string } {
  const check = verifyToken(keys, "track", token, nowSeconds);
  if (check.ok) return { ref: parseSubject(check.subject), counts: true };
  const parts = token.split(".");
  const claimed = parts.length === 5 && parts[0] === "t" ? parseSubject(parts[1] as string) : undefined;
  return { ref: claimed, counts: false, reason: check.reason };
}
