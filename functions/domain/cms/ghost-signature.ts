import { createHmac, timingSafeEqual } from "node:crypto";
import { SIGNATURE_TOLERANCE_SECONDS, type SignatureCheck } from "../webhook-signature.js";

/**
 * Ghost's webhook signature, as Ghost computes it (`WebhookTrigger` in Ghost's core):
 * `X-Ghost-Signature: sha256=<hex HMAC-SHA256(secret, raw body + t)>, t=<Date.now() in ms>`.
 * Two details matter: the timestamp is appended to the body with no separator, and it is in
 * milliseconds. Ghost retries a failed delivery with the same header, within a minute or so, so
 * Herald's 300 s tolerance holds for those too.
 *
 * @example
 * signGhost("s3cret", '{"post":{}}', 1739610000000);
 * // "sha256=<64 hex>, t=1739610000000"
 */
export function signGhost(secret: string, rawBody: string, ms: number): string {
  return `sha256=${createHmac("sha256", secret).update(`${rawBody}${ms}`).digest("hex")}, t=${ms}`;
}

/**
 * Verifies `X-Ghost-Signature` against the raw body with any of `secrets` (several while rotating).
 *
 * @example
 * verifyGhostSignature(secrets.webhookSecrets, c.req.header("x-ghost-signature"), raw, Date.now());
 */
export function verifyGhostSignature(
  secrets: readonly string[],
  header: string | undefined,
  rawBody: string,
  nowMs: number,
): SignatureCheck {
  if (!header)
    return { ok: false, reason: "missing X-Ghost-Signature header (give the webhook a secret in Ghost)" };
  const fields = new Map(
    header.split(",").map((part) => {
      const at = part.indexOf("=");
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const mac = fields.get("sha256");
  const t = fields.get("t");
  if (!mac || !t || !/^\d{1,15}$/.test(t)) return { ok: false, reason: "malformed X-Ghost-Signature" };
  if (Math.abs(nowMs - Number(t)) > SIGNATURE_TOLERANCE_SECONDS * 1000) {
    return { ok: false, reason: "signature timestamp outside the 300 s tolerance" };
  }
  const given = Buffer.from(mac);
  for (const secret of secrets) {
    const expected = Buffer.from(createHmac("sha256", secret).update(`${rawBody}${t}`).digest("hex"));
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: "signature does not match" };
}
