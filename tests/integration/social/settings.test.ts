import { describe, expect, it } from "vitest";
import { blueskySettingsFromEnv } from "../../../functions/adapters/social/bluesky/settings.js";
import { mastodonSettingsFromEnv } from "../../../functions/adapters/social/mastodon/settings.js";
import { telegramSettingsFromEnv } from "../../../functions/adapters/social/telegram/settings.js";

const SECRET = "s3cret-value-never-shown";

describe("settings from a settings record", () => {
  it.each([
    ["Bluesky", blueskySettingsFromEnv],
    ["Mastodon", mastodonSettingsFromEnv],
    ["Telegram", telegramSettingsFromEnv],
  ])("%s: none of its variables set (or only blank ones) means the outbox", (_, fromEnv) => {
    // Prepare
    const env = { HERALD_BLUESKY_IDENTIFIER: " ", HERALD_TELEGRAM_CHAT_ID: "", HERALD_OTHER: "x" };

    // Act
    const settings = fromEnv(env);

    // Assess
    expect(settings).toBeUndefined();
  });

  it.each([
    ["Bluesky", blueskySettingsFromEnv, { HERALD_BLUESKY_APP_PASSWORD: SECRET }, "HERALD_BLUESKY_IDENTIFIER"],
    [
      "Bluesky (only the URL)",
      blueskySettingsFromEnv,
      { HERALD_BLUESKY_API_URL: "https://pds.example" },
      "HERALD_BLUESKY_IDENTIFIER",
    ],
    [
      "Mastodon",
      mastodonSettingsFromEnv,
      { HERALD_MASTODON_ACCESS_TOKEN: SECRET },
      "HERALD_MASTODON_API_URL",
    ],
    [
      "Mastodon (only the URL)",
      mastodonSettingsFromEnv,
      { HERALD_MASTODON_API_URL: "https://mastodon.social" },
      "HERALD_MASTODON_ACCESS_TOKEN",
    ],
    [
      "Telegram",
      telegramSettingsFromEnv,
      { HERALD_TELEGRAM_BOT_TOKEN: `123:${SECRET}` },
      "HERALD_TELEGRAM_CHAT_ID",
    ],
  ] as const)(
    "%s: a partial configuration names the missing variable, never a value",
    (_, fromEnv, env, missing) => {
      // Act
      const error = (() => {
        try {
          fromEnv(env);
        } catch (e) {
          return (e as Error).message;
        }
      })();

      // Assess
      expect(error).toContain(`${missing} is not set`);
      expect(error).not.toContain(SECRET);
    },
  );

  it("Bluesky defaults to bsky.social and takes a handle with or without @", () => {
    // Act
    const settings = blueskySettingsFromEnv({
      HERALD_BLUESKY_IDENTIFIER: "@news.example.org",
      HERALD_BLUESKY_APP_PASSWORD: SECRET,
    });

    // Assess
    expect(settings).toEqual({
      apiUrl: "https://bsky.social",
      identifier: "news.example.org",
      appPassword: SECRET,
    });
  });

  it("Bluesky refuses an email address as identifier: it would be shown as the account", () => {
    // Act
    const read = () =>
      blueskySettingsFromEnv({
        HERALD_BLUESKY_IDENTIFIER: "desk@news.example.org",
        HERALD_BLUESKY_APP_PASSWORD: SECRET,
      });

    // Assess
    expect(read).toThrow(
      "HERALD_BLUESKY_IDENTIFIER must be the account's handle or DID, not an email address",
    );
  });

  it("Mastodon keeps the instance URL without a trailing slash", () => {
    // Act
    const settings = mastodonSettingsFromEnv({
      HERALD_MASTODON_API_URL: "https://mastodon.social/",
      HERALD_MASTODON_ACCESS_TOKEN: SECRET,
    });

    // Assess
    expect(settings).toEqual({ apiUrl: "https://mastodon.social", accessToken: SECRET });
  });

  it("Telegram defaults to api.telegram.org and refuses a malformed token without repeating it", () => {
    // Act
    const settings = telegramSettingsFromEnv({
      HERALD_TELEGRAM_BOT_TOKEN: "7012345678:AAHk3vQ-Zs9fXn2Lw",
      HERALD_TELEGRAM_CHAT_ID: "@herald_news",
    });
    const malformed = () =>
      telegramSettingsFromEnv({ HERALD_TELEGRAM_BOT_TOKEN: SECRET, HERALD_TELEGRAM_CHAT_ID: "@herald_news" });

    // Assess
    expect(settings).toEqual({
      apiUrl: "https://api.telegram.org",
      botToken: "7012345678:AAHk3vQ-Zs9fXn2Lw",
      chatId: "@herald_news",
    });
    expect(malformed).toThrow(/^HERALD_TELEGRAM_BOT_TOKEN is not a bot token/);
    expect(malformed).not.toThrow(SECRET);
  });

  it("an API URL override that is not a URL is named", () => {
    // Act
    const read = () =>
      telegramSettingsFromEnv({
        HERALD_TELEGRAM_API_URL: "api.telegram.org",
        HERALD_TELEGRAM_BOT_TOKEN: "1:abc",
        HERALD_TELEGRAM_CHAT_ID: "-1001234567890",
      });

    // Assess
    expect(read).toThrow("HERALD_TELEGRAM_API_URL must be an http(s) URL");
  });
});
