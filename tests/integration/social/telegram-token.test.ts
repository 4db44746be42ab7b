import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTelegramAdapter } from "../../../functions/adapters/social/telegram/adapter.js";
import { startTelegramFake, type TelegramFake } from "../../helpers/social/fakes/telegram.js";
import { memoryCredentials } from "../../helpers/social/memory-credentials.js";
import { publishRequest } from "../../helpers/social/publish-request.js";

/** The bot token is part of every Bot API URL, and fetch's own errors can repeat the URL. */

let fake: TelegramFake;
beforeEach(async () => {
  fake = await startTelegramFake();
});
afterEach(() => fake.close());

function adapter(overrides: { apiUrl?: string; fetch?: typeof fetch }) {
  const settings = { apiUrl: overrides.apiUrl ?? fake.url, botToken: fake.token, chatId: "@herald_news" };
  const credentials = memoryCredentials();
  return {
    telegram: createTelegramAdapter({ settings, credentials, now: () => new Date(), fetch: overrides.fetch }),
  };
}

describe("Telegram keeps the bot token out of every message", () => {
  it("an API that cannot be reached is tried twice, then failed with nothing posted", async () => {
    // Prepare: a port nothing listens on.
    const closed = await startTelegramFake();
    await closed.close();
    let attempts = 0;
    const counting: typeof fetch = (input, init) => {
      attempts++;
      return fetch(input, init);
    };
    const { telegram } = adapter({ apiUrl: closed.url, fetch: counting });

    // Act
    const outcome = await telegram.publish(publishRequest("telegram"));

    // Assess
    expect(outcome).toEqual({
      kind: "failed",
      message: "sendPhoto: could not connect (ECONNREFUSED); nothing was sent",
    });
    expect(attempts).toBe(2);
  });

  it.each([
    ["a URL fetch cannot parse", { apiUrl: "http://exa mple.invalid" }],
    [
      "a fetch error that repeats the URL",
      {
        fetch: (async (url: string) => Promise.reject(new Error(`request to ${url} failed`))) as typeof fetch,
      },
    ],
  ])("%s", async (_, overrides) => {
    // Prepare
    const { telegram } = adapter(overrides);

    // Act
    const outcome = await telegram.publish(publishRequest("telegram"));

    // Assess
    expect(["failed", "unknown"]).toContain(outcome.kind);
    expect(JSON.stringify(outcome)).not.toContain(fake.token);
    expect(JSON.stringify(outcome)).not.toContain(fake.token.split(":")[1]);
  });
});
