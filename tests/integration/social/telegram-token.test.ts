import { describe, expect, it } from "vitest";
import { startTelegramFake } from "../../helpers/social/fakes/telegram.js";
import { telegramHarness } from "../../helpers/social/network-harnesses.js";
import { publishRequest } from "../../helpers/social/publish-request.js";

/** The bot token is part of every Bot API URL, and fetch's own errors can repeat the URL. */

const telegram = telegramHarness();
const repeatsTheUrl = (async (url: string) =>
  Promise.reject(new Error(`request to ${url} failed`))) as typeof fetch;

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
    const adapter = telegram.adapter({ apiUrl: closed.url }, { fetch: counting });

    // Act
    const outcome = await adapter.publish(publishRequest("telegram"));

    // Assess
    expect(outcome).toEqual({
      kind: "failed",
      message: "sendPhoto: could not connect (ECONNREFUSED); nothing was sent",
    });
    expect(attempts).toBe(2);
  });

  it.each([
    ["a URL fetch cannot parse", { apiUrl: "http://exa mple.invalid" }, {}],
    ["a fetch error that repeats the URL", {}, { fetch: repeatsTheUrl }],
  ])("%s", async (_, settings, extras) => {
    // Prepare
    const adapter = telegram.adapter(settings, extras);

    // Act
    const outcome = await adapter.publish(publishRequest("telegram"));

    // Assess
    expect(["failed", "unknown"]).toContain(outcome.kind);
    expect(JSON.stringify(outcome)).not.toContain(telegram.fake.token);
    expect(JSON.stringify(outcome)).not.toContain(telegram.fake.token.split(":")[1]);
  });
});
