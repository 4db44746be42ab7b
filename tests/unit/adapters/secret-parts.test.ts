import { describe, expect, it } from "vitest";
import { secretsFromParts } from "../../../functions/adapters/secret-parts.js";

const tokens = { current: "k2", k1: "a".repeat(32), k2: "b".repeat(32) };
const api = { adminKey: "A".repeat(48), webhookSecrets: ["w".repeat(32)] };

describe("secretsFromParts", () => {
  it("reads the flat token-key secret as the current id and the keys by id", () => {
    expect(secretsFromParts({ tokens }).tokenKeys).toEqual({
      current: "k2",
      keys: { k1: "a".repeat(32), k2: "b".repeat(32) },
    });
  });

  it("a part the function was not given fails loudly where it is used, never as an empty value", () => {
    const send = secretsFromParts({ tokens });
    expect(() => send.adminKey).toThrow(/not given the api secret/);
    expect(() => send.webhookSecrets).toThrow(/not given the api secret/);
    const feedback = secretsFromParts({});
    expect(() => feedback.tokenKeys).toThrow(/not given the tokens secret/);
    expect(secretsFromParts({ api, tokens }).adminKey).toBe(api.adminKey);
  });

  it("rejects a token secret whose current key is missing, and an API secret not yet filled", () => {
    expect(() => secretsFromParts({ tokens: { current: "k3", k1: "a".repeat(32) } })).toThrow(
      /current token key/,
    );
    expect(() => secretsFromParts({ api: { adminKey: "A".repeat(48), webhookSecrets: [] } })).toThrow();
  });
});
