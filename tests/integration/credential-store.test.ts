import { describe, expect, it } from "vitest";
import { dynamoCredentialStore } from "../../functions/adapters/dynamo/credential-store.js";
import { dynamoSocialAccountRegistry } from "../../functions/adapters/dynamo/social-account-registry.js";
import { ownTable } from "../helpers/own-table.js";

const { table, db } = ownTable("herald");
const store = dynamoCredentialStore(db, table);

describe("the DynamoDB credential store", () => {
  it("stores refreshed tokens only over the version they were based on", async () => {
    // Prepare
    const first = { accessToken: "a1", refreshToken: "r1" };

    // Act
    const created = await store.put("x", "@news", first, 0);
    const createdTwice = await store.put("x", "@news", { accessToken: "other" }, 0);
    const refreshed = await store.put("x", "@news", { accessToken: "a2", refreshToken: "r2" }, 1);
    const stale = await store.put("x", "@news", { accessToken: "a-stale" }, 1);
    const stored = await store.get("x", "@news");

    // Assess
    expect([created, createdTwice, refreshed, stale]).toEqual([true, false, true, false]);
    expect(stored).toEqual({ values: { accessToken: "a2", refreshToken: "r2" }, version: 2 });
    expect(await store.get("x", "@other")).toBeUndefined();
  });

  it("keeps an account's first flag time, shows it beside the registry, and clears it", async () => {
    // Prepare
    const registry = dynamoSocialAccountRegistry(db, table);
    await registry.register(
      [
        { network: "threads", account: "newsroom" },
        { network: "telegram", account: "-100200300" },
      ],
      new Date("2026-01-01T00:00:00Z"),
    );

    // Act
    await store.flagAttention("threads", "newsroom", "token expired", new Date("2026-01-02T00:00:00Z"));
    await store.flagAttention("threads", "newsroom", "token still expired", new Date("2026-01-03T00:00:00Z"));
    const flagged = await registry.list();
    await store.clearAttention("threads", "newsroom");
    const cleared = await registry.list();

    // Assess
    expect(flagged).toEqual([
      {
        network: "threads",
        account: "newsroom",
        status: "needs_attention",
        reason: "token still expired",
        since: "2026-01-02T00:00:00.000Z",
      },
      { network: "telegram", account: "-100200300", status: "ok" },
    ]);
    expect(cleared.map((a) => a.status)).toEqual(["ok", "ok"]);
  });

  it("keeps tokens and the flag apart: clearing a flag leaves the tokens", async () => {
    // Prepare
    await store.put("linkedin", "urn:li:organization:1", { accessToken: "t" }, 0);
    await store.flagAttention("linkedin", "urn:li:organization:1", "revoked", new Date());

    // Act
    await store.clearAttention("linkedin", "urn:li:organization:1");

    // Assess
    expect(await store.get("linkedin", "urn:li:organization:1")).toEqual({
      values: { accessToken: "t" },
      version: 1,
    });
  });
});
