import { networkEnv } from "../common/network-env.js";

/** What the X adapter needs: the account's handle and its OAuth 2.0 user-context tokens. */
export interface XSettings {
  apiUrl: string;
  /** The account's handle without "@": the account's name in Herald, and part of post URLs. */
  username: string;
  accessToken: string;
  /** With `clientId`, lets the adapter renew the two-hour access token itself. */
  refreshToken?: string;
  clientId?: string;
  /** Only for confidential clients, which authenticate the refresh with HTTP Basic. */
  clientSecret?: string;
}

export const X_API_URL = "https://api.x.com";

const NAMES = [
  "HERALD_X_API_URL",
  "HERALD_X_USERNAME",
  "HERALD_X_ACCESS_TOKEN",
  "HERALD_X_REFRESH_TOKEN",
  "HERALD_X_CLIENT_ID",
  "HERALD_X_CLIENT_SECRET",
] as const;

/**
 * @example
 * xSettingsFromEnv({ HERALD_X_USERNAME: "heraldnews", HERALD_X_ACCESS_TOKEN: "…" });
 * // { apiUrl: "https://api.x.com", username: "heraldnews", accessToken: "…" }
 */
export function xSettingsFromEnv(env: Record<string, string | undefined>): XSettings | undefined {
  const vars = networkEnv(env, NAMES);
  if (!vars) return undefined;
  const refreshToken = vars.optional("HERALD_X_REFRESH_TOKEN");
  return {
    apiUrl: vars.baseUrl("HERALD_X_API_URL", X_API_URL),
    username: vars.required("HERALD_X_USERNAME").replace(/^@/, ""),
    accessToken: vars.required("HERALD_X_ACCESS_TOKEN"),
    refreshToken,
    // A refresh token is useless without the client it was issued to.
    clientId: refreshToken ? vars.required("HERALD_X_CLIENT_ID") : vars.optional("HERALD_X_CLIENT_ID"),
    clientSecret: vars.optional("HERALD_X_CLIENT_SECRET"),
  };
}
