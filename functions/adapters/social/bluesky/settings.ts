import { networkEnv } from "../common/network-env.js";

export interface BlueskySettings {
  /** The PDS (or the bsky.social entryway) XRPC calls go to. */
  apiUrl: string;
  /** The account's handle (without "@") or DID: it names the account in an edition's status. */
  identifier: string;
  /** An app password (Settings → Privacy and security → App passwords), never the account password. */
  appPassword: string;
}

export const BLUESKY_DEFAULT_API_URL = "https://bsky.social";

const NAMES = ["HERALD_BLUESKY_IDENTIFIER", "HERALD_BLUESKY_APP_PASSWORD", "HERALD_BLUESKY_API_URL"] as const;

/**
 * Bluesky's settings from a settings record, or `undefined` when none of its variables is set.
 * createSession accepts an email address too, but the identifier is shown as the account's name,
 * and an email address must never be shown or logged, so it is refused here.
 *
 * @example
 * blueskySettingsFromEnv({ HERALD_BLUESKY_IDENTIFIER: "news.example.org", HERALD_BLUESKY_APP_PASSWORD: "abcd-efgh-ijkl-mnop" });
 * // { apiUrl: "https://bsky.social", identifier: "news.example.org", appPassword: "abcd-efgh-ijkl-mnop" }
 */
export function blueskySettingsFromEnv(env: Record<string, string | undefined>): BlueskySettings | undefined {
  const vars = networkEnv(env, NAMES);
  if (!vars) return undefined;
  const identifier = vars.required("HERALD_BLUESKY_IDENTIFIER").replace(/^@/, "");
  const appPassword = vars.required("HERALD_BLUESKY_APP_PASSWORD");
  if (identifier.includes("@")) {
    throw new Error("HERALD_BLUESKY_IDENTIFIER must be the account's handle or DID, not an email address");
  }
  return {
    apiUrl: vars.baseUrl("HERALD_BLUESKY_API_URL", BLUESKY_DEFAULT_API_URL),
    identifier,
    appPassword,
  };
}
