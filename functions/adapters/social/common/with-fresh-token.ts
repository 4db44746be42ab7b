import type { SocialNetwork } from "../../../domain/social/network.js";
import type { CredentialStore } from "../../../flows/ports/social.js";
import type { WireResult } from "./http-exchange.js";
import { type HeldTokens, type TokenKeeper, type TokenSet, tokenKeeper } from "./token-keeper.js";

/** What a refresh came to: new tokens, the network's refusal, or no answer (try again later). */
export type RefreshResult =
  | { kind: "refreshed"; tokens: TokenSet }
  | { kind: "refused"; message: string }
  | { kind: "no_answer"; message: string };

export interface FreshTokenPolicy {
  keeper: TokenKeeper;
  /** The network's own name, for messages. */
  networkName: string;
  /** Whether an answer says the access token is dead (expired, revoked, invalid). */
  isExpired(answer: WireResult): boolean;
  /** Absent when this account cannot refresh (no refresh token configured, or none exists). */
  refresh?: (tokens: TokenSet) => Promise<RefreshResult>;
}

/** A call's answer, or why no call with a live token could be made. */
export type TokenAnswer =
  | WireResult
  | { kind: "auth"; message: string }
  | { kind: "unknown"; message: string };

/**
 * Makes `call` with the current access token; when the network says the token is dead, uses a newer
 * token another worker stored, or refreshes and stores one, and makes the call once more. A token
 * that cannot be renewed flags the account and answers `auth`; a refresh that got no answer
 * answers `unknown` (the refused call created nothing, and a person need not act).
 *
 * @example
 * const answer = await withFreshToken(policy, (token) => client.createTweet(token, text));
 * if (answer.kind === "auth") return answer;
 */
export async function withFreshToken(
  policy: FreshTokenPolicy,
  call: (accessToken: string) => Promise<WireResult>,
): Promise<TokenAnswer> {
  const { keeper, networkName } = policy;
  const held = await keeper.current();
  const first = await call(held.tokens.accessToken);
  if (!policy.isExpired(first)) return first;

  const dead = async (reason: string) => {
    await keeper.flag(reason);
    return { kind: "auth" as const, message: reason };
  };
  let fresh: HeldTokens = await keeper.reread();
  if (fresh.tokens.accessToken === held.tokens.accessToken) {
    if (!policy.refresh) {
      return dead(
        `${networkName} refused the access token and no refresh is configured: reconnect the account`,
      );
    }
    const result = await policy.refresh(fresh.tokens);
    if (result.kind === "no_answer") {
      return { kind: "unknown", message: `${networkName} token refresh got no answer (${result.message})` };
    }
    if (result.kind === "refreshed") fresh = await keeper.replace(fresh, result.tokens);
    else {
      // A rotated refresh token is spent once used: another worker may have just used it.
      const latest = await keeper.reread();
      if (latest.tokens.accessToken === fresh.tokens.accessToken) {
        return dead(`${networkName} refused to refresh the access token: ${result.message}`);
      }
      fresh = latest;
    }
  }
  const second = await call(fresh.tokens.accessToken);
  if (policy.isExpired(second)) return dead(`${networkName} refused the renewed access token too`);
  return second;
}

/** Makes calls with the account's access token, renewed the way `withFreshToken` renews it. */
export type AuthorizedCalls = (call: (accessToken: string) => Promise<WireResult>) => Promise<TokenAnswer>;

export interface TokenAccount extends Omit<FreshTokenPolicy, "keeper"> {
  credentials: CredentialStore;
  network: SocialNetwork;
  account: string;
  /** The tokens in the settings, used until a refresh stores newer ones. */
  configured: TokenSet;
  now: () => Date;
}

/**
 * An OAuth account's calls: its tokens kept by a `tokenKeeper`, every call made with `withFreshToken`.
 *
 * @example
 * const authorized = authorizedCalls({ credentials, network: "x", account: "heraldnews", configured, now, networkName: "X", isExpired, refresh });
 * const answer = await authorized((token) => client.createPost(token, text));
 */
export function authorizedCalls(options: TokenAccount): AuthorizedCalls {
  const { credentials, network, account, configured, now, ...policy } = options;
  const keeper = tokenKeeper({ store: credentials, network, account, configured, now });
  return (call) => withFreshToken({ ...policy, keeper }, call);
}
