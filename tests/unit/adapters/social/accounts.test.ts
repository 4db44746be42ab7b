import { Logger } from "@aws-lambda-powertools/logger";
import { describe, expect, it } from "vitest";
import { type AdapterFactories, socialAccounts } from "../../../../functions/adapters/social/accounts.js";
import { NETWORK_FACTORIES } from "../../../../functions/adapters/social/network-factories.js";
import { OUTBOX_ACCOUNT } from "../../../../functions/adapters/social/outbox.js";
import { memoryCredentials } from "../../../helpers/social/memory-credentials.js";
import { scriptedAdapter } from "../../../helpers/social/scripted-adapter.js";

const deps = { credentials: memoryCredentials(), log: new Logger({ logLevel: "SILENT" as "ERROR" }) };

/** Factories the way the network adapters build them: from their own variables, or not at all. */
const factories: AdapterFactories = {
  telegram: (s) =>
    s.HERALD_TELEGRAM_BOT_TOKEN
      ? scriptedAdapter("telegram", s.HERALD_TELEGRAM_CHAT_ID ?? "").adapter
      : undefined,
  bluesky: (s) => {
    if (!s.HERALD_BLUESKY_IDENTIFIER) return undefined;
    if (!s.HERALD_BLUESKY_APP_PASSWORD) throw new Error("HERALD_BLUESKY_APP_PASSWORD is not set");
    return scriptedAdapter("bluesky", s.HERALD_BLUESKY_IDENTIFIER).adapter;
  },
};

describe("building the configured social accounts", () => {
  it("locally, a network with settings is live and every other one posts to the outbox", () => {
    // Prepare
    const settings = { HERALD_TELEGRAM_BOT_TOKEN: "123:abc", HERALD_TELEGRAM_CHAT_ID: "-100200300" };

    // Act
    const built = socialAccounts(settings, deps, { outboxDir: "/tmp/outbox", factories });

    // Assess
    expect(built.live).toEqual(["telegram"]);
    expect(built.outbox).toEqual(["x", "bluesky", "mastodon", "linkedin", "threads", "facebook"]);
    expect(built.adapters.map((a) => [a.network, a.account])).toContainEqual(["telegram", "-100200300"]);
    expect(built.adapters.filter((a) => a.account === OUTBOX_ACCOUNT)).toHaveLength(6);
  });

  it("on AWS (no outbox), a network without settings is simply not configured", () => {
    // Act
    const built = socialAccounts({ HERALD_TELEGRAM_BOT_TOKEN: "123:abc" }, deps, { factories });

    // Assess
    expect(built.adapters.map((a) => a.network)).toEqual(["telegram"]);
    expect(built.outbox).toEqual([]);
  });

  it("leaves a half-configured network out and says why, without the secret", () => {
    // Act
    const built = socialAccounts({ HERALD_BLUESKY_IDENTIFIER: "news.example" }, deps, {
      outboxDir: "/tmp/outbox",
      factories,
    });

    // Assess
    expect(built.broken).toEqual([{ network: "bluesky", reason: "HERALD_BLUESKY_APP_PASSWORD is not set" }]);
    expect(built.adapters.map((a) => a.network)).not.toContain("bluesky");
    expect(built.outbox).toHaveLength(6);
  });

  it("with no social settings at all, the real factory table leaves every network to the outbox", () => {
    // Act
    const built = socialAccounts({}, deps, { outboxDir: "/tmp/outbox", factories: NETWORK_FACTORIES });

    // Assess
    expect(built.live).toEqual([]);
    expect(built.outbox).toHaveLength(7);
  });

  it("builds a live adapter for each network whose settings are there, and reports a half-set one", () => {
    // Prepare: Mastodon and Telegram complete, Bluesky missing its app password.
    const settings = {
      HERALD_MASTODON_API_URL: "https://social.example",
      HERALD_MASTODON_ACCESS_TOKEN: "token-1",
      HERALD_TELEGRAM_BOT_TOKEN: "123456:ABCdefGhIJKlmnoPQRstuVWxyz0123456789",
      HERALD_TELEGRAM_CHAT_ID: "@herald_news",
      HERALD_BLUESKY_IDENTIFIER: "herald.bsky.social",
    };

    // Act
    const built = socialAccounts(settings, deps, { outboxDir: "/tmp/outbox", factories: NETWORK_FACTORIES });

    // Assess
    expect(built.live.sort()).toEqual(["mastodon", "telegram"]);
    expect(built.broken.map((b) => b.network)).toEqual(["bluesky"]);
    expect(built.broken[0]?.reason).toMatch(/HERALD_BLUESKY_APP_PASSWORD/);
    expect(JSON.stringify(built.broken)).not.toContain("token-1");
    expect(built.outbox.sort()).toEqual(["facebook", "linkedin", "threads", "x"]);
  });
});
