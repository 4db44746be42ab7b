import type { Logger } from "@aws-lambda-powertools/logger";
import { loggableError } from "../../domain/redact.js";
import { SocialNetwork } from "../../domain/social/network.js";
import type { CredentialStore, SocialAdapter } from "../../flows/ports/social.js";
import type { AnySocialAdapter } from "../../flows/ports/social-adapters.js";
import { NETWORK_FACTORIES } from "./network-factories.js";
import { outboxAdapter } from "./outbox.js";

/**
 * Social settings: the environment locally (`HERALD_<NETWORK>_…`), the social secret's JSON object
 * on AWS (the same names as keys). Only the social worker ever holds them.
 */
export type SocialSettings = Record<string, string | undefined>;

export interface AdapterDeps {
  credentials: CredentialStore;
  log: Logger;
  now?: () => Date;
}

/** Builds a network's adapter from the settings, or answers undefined when none of its settings are there. */
export type AdapterFactory<N extends SocialNetwork> = (
  settings: SocialSettings,
  deps: AdapterDeps,
) => SocialAdapter<N> | undefined;

export type AdapterFactories = { [N in SocialNetwork]?: AdapterFactory<N> };

export interface SocialAccounts {
  adapters: AnySocialAdapter[];
  /** Networks with settings, posting for real. */
  live: SocialNetwork[];
  /** Networks without settings that post to the local outbox. */
  outbox: SocialNetwork[];
  /** Networks whose settings are there but wrong (a variable missing): not posted to at all. */
  broken: Array<{ network: SocialNetwork; reason: string }>;
}

export interface SocialAccountsOptions {
  /** Local runs: every network without settings posts to JSON files here. */
  outboxDir?: string;
  factories?: AdapterFactories;
}

/**
 * The configured accounts, one adapter each, built from the settings through the network factories.
 *
 * @example
 * const { adapters, live, outbox } = socialAccounts(process.env, { credentials, log }, { outboxDir: ".herald/outbox" });
 */
export function socialAccounts(
  settings: SocialSettings,
  deps: AdapterDeps,
  options: SocialAccountsOptions = {},
): SocialAccounts {
  const factories = options.factories ?? NETWORK_FACTORIES;
  const out: SocialAccounts = { adapters: [], live: [], outbox: [], broken: [] };
  for (const network of SocialNetwork.options) {
    // The factory of this very network: what it builds takes this network's posts.
    const factory = factories[network] as AdapterFactory<SocialNetwork> | undefined;
    let adapter: AnySocialAdapter | undefined;
    try {
      adapter = factory?.(settings, deps) as AnySocialAdapter | undefined;
    } catch (error) {
      // Half-configured: say so and leave the network out, rather than post where nobody meant to.
      const reason = loggableError(error).message;
      deps.log.error("social network misconfigured; not posting to it", { network, reason });
      out.broken.push({ network, reason });
      continue;
    }
    if (adapter) {
      out.adapters.push(adapter);
      out.live.push(network);
    } else if (options.outboxDir) {
      out.adapters.push(outboxAdapter(network, options.outboxDir) as AnySocialAdapter);
      out.outbox.push(network);
    }
  }
  return out;
}
