import { createHash } from "node:crypto";
import type { SocialNetwork } from "../../../domain/social/network.js";
import type { CredentialStore } from "../../../flows/ports/social.js";

/** An OAuth access token and, where the network issues one, the token that renews it. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
}

/** Tokens as last read, with the store version a replacement must be based on. */
export interface HeldTokens {
  tokens: TokenSet;
  version: number;
}

export interface TokenKeeper {
  /** The tokens to use: the last ones read, read from the store on first use. */
  current(): Promise<HeldTokens>;
  /** Reads the store again: another worker may have refreshed since. */
  reread(): Promise<HeldTokens>;
  /** Stores refreshed tokens over `previous`; the new tokens are used either way. */
  replace(previous: HeldTokens, next: TokenSet): Promise<HeldTokens>;
  /** Marks the account for a person's attention. */
  flag(reason: string): Promise<void>;
}

/**
 * Which configured tokens a stored set was refreshed from. When an operator puts new tokens in the
 * settings (after an `auth` outcome), stored tokens from the old ones must stop shadowing them. A
 * hash, so the store never holds the configured secret a second time.
 */
function fingerprint(tokens: TokenSet): string {
  return createHash("sha256")
    .update(`${tokens.accessToken}\n${tokens.refreshToken ?? ""}`)
    .digest("base64url")
    .slice(0, 22);
}

/**
 * Keeps an account's OAuth tokens in the `CredentialStore`: the configured ones until a refresh
 * replaces them, the stored ones after that, so every worker uses the newest pair (X rotates refresh
 * tokens: a stale one is spent).
 *
 * @example
 * const keeper = tokenKeeper({ store, network: "x", account: "heraldnews", configured: { accessToken, refreshToken }, now });
 * const { tokens } = await keeper.current();
 */
export function tokenKeeper(options: {
  store: CredentialStore;
  network: SocialNetwork;
  account: string;
  configured: TokenSet;
  now: () => Date;
}): TokenKeeper {
  const { store, network, account, configured } = options;
  const seed = fingerprint(configured);
  let held: HeldTokens | undefined;

  async function read(): Promise<HeldTokens> {
    const stored = await store.get(network, account);
    const version = stored?.version ?? 0;
    const values = stored?.values;
    if (values?.seed !== seed || !values.accessToken) return { tokens: configured, version };
    return { tokens: { accessToken: values.accessToken, refreshToken: values.refreshToken }, version };
  }

  return {
    async current() {
      held ??= await read();
      return held;
    },
    async reread() {
      held = await read();
      return held;
    },
    async replace(previous, next) {
      const values: Record<string, string> = { accessToken: next.accessToken, seed };
      if (next.refreshToken) values.refreshToken = next.refreshToken;
      const stored = await store.put(network, account, values, previous.version);
      // Losing the race means another worker stored its own refresh; ours is valid for this call.
      const version = stored ? previous.version + 1 : (await read()).version;
      held = { tokens: next, version };
      return held;
    },
    async flag(reason) {
      await store.flagAttention(network, account, reason, options.now());
    },
  };
}
