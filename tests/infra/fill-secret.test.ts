import { describe, expect, it } from "vitest";
import { API_SECRET_SKELETON, TOKEN_SECRET_SKELETON } from "../../infra/constructs/secrets.js";
import { fillSecret, joinSecrets, randomSecret, splitSecret } from "../../infra/fill-secret.js";

let n = 0;
const counter = () => `generated-secret-value-${++n}`;

describe("fillSecret", () => {
  // What Secrets Manager makes of the two skeletons: the admin key and the first token key generated.
  const generated = joinSecrets({
    api: { ...API_SECRET_SKELETON, adminKey: "A".repeat(48) },
    tokens: { ...TOKEN_SECRET_SKELETON, k1: "K".repeat(48) },
  });

  it("fills the stack's skeletons into complete secrets, keeping the generated admin key and token key", () => {
    const { secret, changed } = fillSecret(generated, {}, counter);
    expect(changed).toEqual(["webhookSecrets"]);
    expect(secret.adminKey).toBe("A".repeat(48));
    expect(secret.webhookSecrets).toHaveLength(1);
    expect(secret.tokenKeys).toEqual({ current: "k1", keys: { k1: "K".repeat(48) } });
    expect(splitSecret(secret)).toEqual({
      api: { adminKey: "A".repeat(48), webhookSecrets: secret.webhookSecrets },
      tokens: { current: "k1", k1: "K".repeat(48) },
    });
  });

  it("is idempotent: a complete secret is left alone", () => {
    const { secret } = fillSecret(generated, {}, counter);
    expect(fillSecret(secret, {}, counter)).toEqual({ secret, changed: [] });
  });

  it("rotates the webhook secret with an overlap: the new one first, the old one still accepted", () => {
    const before = {
      webhookSecrets: ["old-webhook-secret-value"],
      adminKey: "A".repeat(48),
      tokenKeys: { current: "k1", keys: { k1: "x".repeat(32) } },
    };
    const { secret } = fillSecret(before, { rotateWebhook: true }, counter);
    expect(secret.webhookSecrets).toEqual([expect.stringMatching(/^generated/), "old-webhook-secret-value"]);
  });

  it("rotates the token key under a new id and keeps the old key for links already sent", () => {
    const before = {
      webhookSecrets: ["w".repeat(32)],
      adminKey: "A".repeat(48),
      tokenKeys: { current: "k1", keys: { k1: "x".repeat(32) } },
    };
    const { secret, changed } = fillSecret(before, { rotateTokenKey: true }, counter);
    expect(secret.tokenKeys.current).toBe("k2");
    expect(Object.keys(secret.tokenKeys.keys).sort()).toEqual(["k1", "k2"]);
    expect(changed).toEqual(["tokenKeys.keys.k2"]);
  });

  it("generates 256-bit values long enough for the functions' validation (≥ 16 characters)", () => {
    const a = randomSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomSecret()).not.toBe(a);
  });
});
