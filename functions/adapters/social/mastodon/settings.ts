import { networkEnv } from "../common/network-env.js";

export interface MastodonSettings {
  /** The account's instance, e.g. `https://mastodon.social`: a token is only valid on its own. */
  apiUrl: string;
  /** A user access token with the `write:statuses` and `read:accounts` scopes. */
  accessToken: string;
}

/**
 * Mastodon's settings from a settings record, or `undefined` when none of its variables is set. The
 * instance has no default: there is no single Mastodon host, and a token sent to the wrong instance
 * fails anyway.
 *
 * @example
 * mastodonSettingsFromEnv({ HERALD_MASTODON_API_URL: "https://mastodon.social", HERALD_MASTODON_ACCESS_TOKEN: "…" });
 * // { apiUrl: "https://mastodon.social", accessToken: "…" }
 */
export function mastodonSettingsFromEnv(
  env: Record<string, string | undefined>,
): MastodonSettings | undefined {
  const vars = networkEnv(env, ["HERALD_MASTODON_API_URL", "HERALD_MASTODON_ACCESS_TOKEN"]);
  if (!vars) return undefined;
  return {
    apiUrl: vars.baseUrl("HERALD_MASTODON_API_URL"),
    accessToken: vars.required("HERALD_MASTODON_ACCESS_TOKEN"),
  };
}
