import { describe, expect, it } from "vitest";
import { SECRET_SKELETON } from "../../infra/constructs/secrets.js";
import { fillSecret, randomSecret } from "../../infra/fill-secret.js";

let n = 0;
const counter = () => `generated-secret-value-${++n}`;

describe("fillSecret", () => {
  it("fills the stack's skeleton into a complete secret, keeping the generated admin key", () => {
    const generated = { ...SECRET_SKELETON, adminKey: "A".repeat(48) };
    const { secret, changed } = fillSecret(generated, {}, counter);
    expect(changed).toEqual(["webhookSecrets", "tokenKeys.keys.k1"]);
    expect(secret.adminKey).toBe("A".repeat(48));
    expect(secret.webhookSecrets).toHaveLength(1);
    expect(secret.tokenKeys.current).toBe("k1");
    expect(secret.tokenKeys.keys.k1).toMatch(/^generated-secret-value-/);
  });

  it("is idempotent: a complete secret is left alone", () => {
    const { secret } = fillSecret({ ...SECRET_SKELETON, adminKey: "A".repeat(48) }, {}, counter);
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
