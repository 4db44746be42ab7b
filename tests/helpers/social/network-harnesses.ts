import { createBlueskyAdapter } from "../../../functions/adapters/social/bluesky/adapter.js";
import { createFacebookAdapter } from "../../../functions/adapters/social/facebook/adapter.js";
import { createLinkedInAdapter } from "../../../functions/adapters/social/linkedin/adapter.js";
import { createMastodonAdapter } from "../../../functions/adapters/social/mastodon/adapter.js";
import { createTelegramAdapter } from "../../../functions/adapters/social/telegram/adapter.js";
import { createThreadsAdapter } from "../../../functions/adapters/social/threads/adapter.js";
import { createXAdapter } from "../../../functions/adapters/social/x/adapter.js";
import { adapterHarness } from "./adapter-harness.js";
import { startBlueskyFake } from "./fakes/bluesky.js";
import { startFacebookFake } from "./fakes/facebook.js";
import { startLinkedInFake } from "./fakes/linkedin.js";
import { startMastodonFake } from "./fakes/mastodon.js";
import { startTelegramFake } from "./fakes/telegram.js";
import { startThreadsFake } from "./fakes/threads.js";
import { startXFake } from "./fakes/x.js";

/** The adapters' clock (but X's): the waits and timestamps they answer are computed from it. */
export const NOW = new Date("2026-03-01T17:20:00Z");

// Each harness below registers its fake for every test of the enclosing file or describe block.

/** X as @heraldnews with a refreshable token; the real clock, as the fake's resets are real times. */
export const xHarness = () =>
  adapterHarness(
    startXFake,
    createXAdapter,
    (fake) => ({
      apiUrl: fake.url,
      username: "heraldnews",
      accessToken: "x-access-1",
      refreshToken: "x-refresh-1",
      clientId: "herald-client",
    }),
    { timeoutMs: 1_000 },
  );

/** LinkedIn as the fake's organization, with an access token and no refresh token. */
export const linkedinHarness = () =>
  adapterHarness(
    startLinkedInFake,
    createLinkedInAdapter,
    (fake) => ({
      apiUrl: fake.url,
      organization: fake.organization,
      accessToken: "li-access-1",
      version: "202607",
      oauthUrl: fake.oauthUrl,
    }),
    { now: () => NOW, timeoutMs: 1_000 },
  );

/** Threads as the fake's profile; containers are checked again without waiting. */
export const threadsHarness = () =>
  adapterHarness(
    startThreadsFake,
    createThreadsAdapter,
    (fake) => ({ apiUrl: fake.url, userId: fake.userId, accessToken: "th-token-1" }),
    { now: () => NOW, timeoutMs: 1_000, containerPollMs: 0 },
  );

/** Facebook as the fake's Page, with its Page token. */
export const facebookHarness = () =>
  adapterHarness(
    startFacebookFake,
    createFacebookAdapter,
    (fake) => ({ apiUrl: fake.url, graphVersion: "v26.0", pageId: fake.pageId, pageToken: fake.pageToken }),
    { now: () => NOW, timeoutMs: 1_000 },
  );

/** Bluesky as the fake's handle with its app password; the adapter's own timeout. */
export const blueskyHarness = () =>
  adapterHarness(
    startBlueskyFake,
    createBlueskyAdapter,
    (fake) => ({ apiUrl: fake.url, identifier: fake.handle, appPassword: fake.password }),
    { now: () => NOW },
  );

/** Mastodon on the fake instance with its token; the adapter's own timeout. */
export const mastodonHarness = () =>
  adapterHarness(
    startMastodonFake,
    createMastodonAdapter,
    (fake) => ({ apiUrl: fake.url, accessToken: fake.token }),
    { now: () => NOW },
  );

/** Telegram's bot posting to @herald_news; the adapter's own timeout. */
export const telegramHarness = () =>
  adapterHarness(
    startTelegramFake,
    createTelegramAdapter,
    (fake) => ({ apiUrl: fake.url, botToken: fake.token, chatId: "@herald_news" }),
    { now: () => NOW },
  );
