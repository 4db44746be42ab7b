import { describe, expect, it } from "vitest";
import { signGhost, verifyGhostSignature } from "../../../../functions/domain/cms/ghost-signature.js";

// Computed independently, the way Ghost's WebhookTrigger does (body, then the millisecond timestamp):
// printf '%s' '{"post":{}}1739610000000' | openssl dgst -sha256 -hmac s3cret
const BODY = '{"post":{}}';
const T = 1739610000000;
const VECTOR = `sha256=dd20ff81829cc11ddc3eb8ef9183451ae2a15a5d0e5e69edaed185852d5069a9, t=${T}`;

describe("Ghost webhook signature", () => {
  it("signs HMAC-SHA256 over the raw body followed by the timestamp in milliseconds", () => {
    expect(signGhost("s3cret", BODY, T)).toBe(VECTOR);
  });

  it("accepts it within 300 s either side, with any of the configured secrets", () => {
    expect(verifyGhostSignature(["s3cret"], VECTOR, BODY, T + 300_000)).toEqual({ ok: true });
    expect(verifyGhostSignature(["new", "s3cret"], VECTOR, BODY, T - 300_000)).toEqual({ ok: true });
    // Ghost's header has a space after the comma; a proxy that drops it changes nothing.
    expect(verifyGhostSignature(["s3cret"], VECTOR.replace(", ", ","), BODY, T).ok).toBe(true);
  });

  it("refuses a stale timestamp, another body or secret, and malformed or missing headers", () => {
    expect(verifyGhostSignature(["s3cret"], VECTOR, BODY, T + 300_001).ok).toBe(false);
    expect(verifyGhostSignature(["s3cret"], VECTOR, '{"post":{"x":1}}', T).ok).toBe(false);
    expect(verifyGhostSignature(["other"], VECTOR, BODY, T).ok).toBe(false);
    expect(verifyGhostSignature(["s3cret"], VECTOR.replace(`t=${T}`, `t=${T + 1}`), BODY, T).ok).toBe(false);
    expect(verifyGhostSignature(["s3cret"], `t=${T}`, BODY, T).ok).toBe(false);
    expect(verifyGhostSignature(["s3cret"], "sha256=abc, t=soon", BODY, T).ok).toBe(false);
    expect(verifyGhostSignature(["s3cret"], undefined, BODY, T)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^missing X-Ghost-Signature/),
    });
  });
});
