import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "../../../functions/domain/webhook-signature.js";

// Computed independently: printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac s3cret
const VECTOR = "t=1700000000,v1=1698a50bc74d1ff1db85c4e0a5297c2ad9fdba245d5737cdb789e4cc6e098940";

describe("webhook signature", () => {
  it("signs as HMAC-SHA256 over '<t>.<raw body>' in hex", () => {
    expect(signBody("s3cret", '{"a":1}', 1700000000)).toBe(VECTOR);
  });

  it("accepts its own signature within 300 s, either side", () => {
    expect(verifySignature(["s3cret"], VECTOR, '{"a":1}', 1700000300)).toEqual({ ok: true });
    expect(verifySignature(["s3cret"], VECTOR, '{"a":1}', 1699999700)).toEqual({ ok: true });
  });

  it("refuses a timestamp 301 s away", () => {
    expect(verifySignature(["s3cret"], VECTOR, '{"a":1}', 1700000301).ok).toBe(false);
  });

  it("refuses a changed body, a wrong secret, a malformed or missing header", () => {
    expect(verifySignature(["s3cret"], VECTOR, '{"a":2}', 1700000000).ok).toBe(false);
    expect(verifySignature(["other"], VECTOR, '{"a":1}', 1700000000).ok).toBe(false);
    expect(verifySignature(["s3cret"], "v1=abc", '{"a":1}', 1700000000).ok).toBe(false);
    expect(verifySignature(["s3cret"], "t=1700000000,v1=", '{"a":1}', 1700000000).ok).toBe(false);
    expect(verifySignature(["s3cret"], undefined, '{"a":1}', 1700000000).ok).toBe(false);
  });

  it("accepts the old or the new secret while the CMS rotates", () => {
    expect(verifySignature(["new-secret", "s3cret"], VECTOR, '{"a":1}', 1700000000)).toEqual({ ok: true });
  });
});
