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

/** The email a tracking token is for: every tracked URL of that email carries the same token. */
export type TrackedEmail = Omit<TrackRef, "kind" | "link">;

const SEPARATOR = "~";
const SAFE_PART = /^[A-Za-z0-9_+-]*$/;
const LINK = /^\d{1,4}$/;

/**
 * Issues the token of one recipient's email: the project's signed token (purpose `track`), expiring
 * {@link TRACK_TOKEN_DAYS} after sending, whose signature covers the email, the recipient and the
 * send time. The email's tracked links are `/r/<token>.<link index>` and its pixel `/o/<token>`: one
 * signature a recipient, not one a link (each is an HMAC, and their bytes went to SES fifty times a
 * call). The link index is not signed: changing it only picks another link of the same email, which
 * the reader holding the token could have clicked anyway, and never a URL of the request's.
 *
 * @example
 * const token = issueEmailTrackToken(keys, { target: "ed_…", variant: "", recipient: id, sentAt });
 * const href = `${publicUrl}/r/${token}.2`;
 */
export function issueEmailTrackToken(keys: TokenKeys, email: TrackedEmail): string {
  // `e`: the whole email. Tokens of single links (`c`, with the index signed) and of the pixel (`o`)
  // were issued before, and are still read below for as long as they count (30 days).
  const parts = ["e", email.target, email.variant, "0", email.recipient];
  if (!parts.every((p) => SAFE_PART.test(p))) throw new Error("a tracking reference part is not URL-safe");
  const subject = [...parts, email.sentAt.toString(36)].join(SEPARATOR);
  return issueToken(keys, "track", subject, TRACK_TOKEN_DAYS * 86400, email.sentAt);
}

/** The reference a token's subject claims, read without trusting it; `e` names a whole email. */
function parseSubject(subject: string): (Omit<TrackRef, "kind"> & { kind: "c" | "o" | "e" }) | undefined {
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
  if ((kind !== "c" && kind !== "o" && kind !== "e") || !LINK.test(link) || !/^[0-9a-z]{1,10}$/.test(sent))
    return undefined;
  return { kind, target, variant, link: Number(link), recipient, sentAt: Number.parseInt(sent, 36) };
}

/**
 * What a tracked URL's token names: an email token with a link index (`<token>.<n>`) is a click on
 * link n, without one its pixel; an older token names its click (`c`, index inside) or open (`o`).
 */
function refOf(subject: string, link: string | undefined): TrackRef | undefined {
  const claimed = parseSubject(subject);
  if (!claimed) return undefined;
  const { kind, ...rest } = claimed;
  if (kind === "e") {
    if (link === undefined) return { ...rest, kind: "open", link: 0 };
    return LINK.test(link) ? { ...rest, kind: "click", link: Number(link) } : undefined;
  }
  if (link !== undefined) return undefined;
  return { ...rest, kind: kind === "c" ? "click" : "open" };
}

/**
 * Reads the token part of a tracked URL (`<token>.<link>` or `<token>`). `counts` says whether the
 * event may be counted (signature good, not expired); `ref` is what it names even when it may not
 * count, so a reader with a mangled or old link still lands on the article: the reference can only
 * name one of the target's own stored links, never a URL of its own.
 *
 * @example
 * const { ref, counts } = readTrackToken(keys, c.req.param("token"), nowSeconds);
 */
export function readTrackToken(
  keys: TokenKeys,
  url: string,
  nowSeconds: number,
): { ref: TrackRef | undefined; counts: boolean; reason?: string } {
  const parts = url.split(".");
  const link = parts.length === 6 ? parts.pop() : undefined;
  const token = parts.join(".");
  const check = verifyToken(keys, "track", token, nowSeconds);
  if (check.ok) return { ref: refOf(check.subject, link), counts: true };
  const claimed = parts.length === 5 && parts[0] === "t" ? refOf(parts[1] as string, link) : undefined;
  return { ref: claimed, counts: false, reason: check.reason };
}
