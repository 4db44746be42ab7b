import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a signature's timestamp may be from now: long enough for clock skew, short enough to stop replays. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Signs a webhook body the way Herald expects it: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "t.body")>`.
 * The CMS side (and `scripts/publish.ts`) uses this; the webhook verifies with {@link verifySignature}.
 */
export function signBody(secret: string, rawBody: string, unixSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.${rawBody}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Verifies a `Herald-Signature` header against the raw body. Several `v1=` values are accepted so a
 * CMS can sign with the old and the new secret while rotating; any one matching is enough.
 */
export function verifySignature(
  secrets: readonly string[],
  header: string | undefined,
  rawBody: string,
  nowSeconds: number,
): SignatureCheck {
  if (!header) return { ok: false, reason: "missing Herald-Signature header" };
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = parts.find(([k]) => k === "t")?.[1];
  const macs = parts.filter(([k, v]) => k === "v1" && v).map(([, v]) => v as string);
  if (!t || !/^\d{1,12}$/.test(t) || macs.length === 0) return { ok: false, reason: "malformed signature" };
  if (Math.abs(nowSeconds - Number(t)) > SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, reason: "signature timestamp outside the 300 s tolerance" };
  }
  for (const secret of secrets) {
    const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${rawBody}`).digest("hex"));
    for (const mac of macs) {
      const given = Buffer.from(mac);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
    }
  }
  return { ok: false, reason: "signature does not match" };
}
