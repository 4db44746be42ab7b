import { createHmac, timingSafeEqual } from "node:crypto";

/** What a token lets its bearer do; a token for one purpose is refused for any other. */
/** `track`: a tracked link or open pixel of one email (`domain/tracking/track-token.ts`). */
export type TokenPurpose = "unsubscribe" | "confirm" | "preferences" | "track";

const purposeCode: Record<TokenPurpose, string> = {
  unsubscribe: "u",
  confirm: "c",
  preferences: "p",
  track: "t",
};

/**
 * Signing keys by id. `current` signs; every key listed verifies, so a rotated-out key keeps working
 * for links already in inboxes until it is removed from the list (the grace period).
 */
export interface TokenKeys {
  current: string;
  keys: Record<string, string>;
}

export type TokenCheck = { ok: true; subject: string } | { ok: false; reason: string };

function mac(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url").slice(0, 32);
}

/**
 * Issues a URL-safe token `purpose.subject.kid.expiry.mac`. `ttlSeconds` of 0 means it never expires
 * (unsubscribe links must keep working long after the email was sent).
 *
 * @example
 * const token = issueToken(keys, "unsubscribe", subscriber.id, 0, Date.now() / 1000);
 */
export function issueToken(
  keys: TokenKeys,
  purpose: TokenPurpose,
  subject: string,
  ttlSeconds: number,
  nowSeconds: number,
): string {
  const secret = Object.hasOwn(keys.keys, keys.current) ? keys.keys[keys.current] : undefined;
  if (!secret) throw new Error(`token key ${keys.current} is not configured`);
  const expiry = ttlSeconds > 0 ? Math.floor(nowSeconds + ttlSeconds).toString(36) : "0";
  const payload = `${purposeCode[purpose]}.${subject}.${keys.current}.${expiry}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** Checks a token's signature, purpose and expiry; says why when it refuses. */
export function verifyToken(
  keys: TokenKeys,
  purpose: TokenPurpose,
  token: string | undefined,
  nowSeconds: number,
): TokenCheck {
  const parts = (token ?? "").split(".");
  if (parts.length !== 5) return { ok: false, reason: "malformed token" };
  const [code, subject, kid, expiry, given] = parts as [string, string, string, string, string];
  // The key id comes from a stranger: only the keys' own entries count, never `constructor`,
  // `__proto__` or anything else every object inherits.
  const secret = Object.hasOwn(keys.keys, kid) ? keys.keys[kid] : undefined;
  if (typeof secret !== "string" || secret === "") return { ok: false, reason: "unknown signing key" };
  const expected = Buffer.from(mac(secret, `${code}.${subject}.${kid}.${expiry}`));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return { ok: false, reason: "bad signature" };
  }
  if (code !== purposeCode[purpose]) return { ok: false, reason: "token is for another purpose" };
  if (expiry !== "0" && Number.parseInt(expiry, 36) < nowSeconds)
    return { ok: false, reason: "token expired" };
  return { ok: true, subject };
}
