import type { SocialNetwork } from "../../domain/social/network.js";
import type { SocialAdapter } from "../../flows/ports/social.js";
import type { AdapterDeps, AdapterFactories, AdapterFactory, SocialSettings } from "./accounts.js";
import { createBlueskyAdapter } from "./bluesky/adapter.js";
import { blueskySettingsFromEnv } from "./bluesky/settings.js";
import type { AdapterOptions } from "./common/adapter-options.js";
import { createFacebookAdapter } from "./facebook/adapter.js";
import { facebookSettingsFromEnv } from "./facebook/settings.js";
import { createLinkedInAdapter } from "./linkedin/adapter.js";
import { linkedinSettingsFromEnv } from "./linkedin/settings.js";
import { createMastodonAdapter } from "./mastodon/adapter.js";
import { mastodonSettingsFromEnv } from "./mastodon/settings.js";
import { createTelegramAdapter } from "./telegram/adapter.js";
import { telegramSettingsFromEnv } from "./telegram/settings.js";
import { createThreadsAdapter } from "./threads/adapter.js";
import { threadsSettingsFromEnv } from "./threads/settings.js";
import { createXAdapter } from "./x/adapter.js";
import { xSettingsFromEnv } from "./x/settings.js";

/**
 * A network's factory from its settings reader and its adapter: no adapter while none of the
 * network's variables is set; the reader throws, naming the variable, when only some are.
 */
function factory<N extends SocialNetwork, S>(
  read: (settings: SocialSettings) => S | undefined,
  create: (options: AdapterOptions<S>) => SocialAdapter<N>,
): AdapterFactory<N> {
  return (settings: SocialSettings, deps: AdapterDeps) => {
    const own = read(settings);
    return own === undefined
      ? undefined
      : create({ settings: own, credentials: deps.credentials, now: deps.now ?? (() => new Date()) });
  };
}

/** Every network Herald posts to, each with the adapter in `functions/adapters/social/<network>/`. */
export const NETWORK_FACTORIES: AdapterFactories = {
  bluesky: factory(blueskySettingsFromEnv, createBlueskyAdapter),
  mastodon: factory(mastodonSettingsFromEnv, createMastodonAdapter),
  telegram: factory(telegramSettingsFromEnv, createTelegramAdapter),
  x: factory(xSettingsFromEnv, createXAdapter),
  linkedin: factory(linkedinSettingsFromEnv, createLinkedInAdapter),
  facebook: factory(facebookSettingsFromEnv, createFacebookAdapter),
  threads: factory(threadsSettingsFromEnv, createThreadsAdapter),
};
