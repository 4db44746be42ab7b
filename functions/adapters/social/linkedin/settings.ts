import { networkEnv } from "../common/network-env.js";

/** What the LinkedIn adapter needs to post as an organization page. */
export interface LinkedInSettings {
  apiUrl: string;
  /** `urn:li:organization:<id>`: the author of every post, and the account's name in Herald. */
  organization: string;
  /** A member's token with `w_organization_social` (and `r_organization_social` for lookups). */
  accessToken: string;
  /** The `LinkedIn-Version` header (YYYYMM); versions are sunset about a year after release. */
  version: string;
  /** Refresh tokens exist only for approved partner apps; with the client id and secret they renew the token. */
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  /** The token endpoint, on www.linkedin.com rather than the API host. */
  oauthUrl: string;
}

export const LINKEDIN_API_URL = "https://api.linkedin.com";
export const LINKEDIN_OAUTH_URL = "https://www.linkedin.com/oauth/v2/accessToken";
/** A Marketing API version in its support window (released July 2026, supported at least a year). */
export const LINKEDIN_DEFAULT_VERSION = "202607";

const NAMES = [
  "HERALD_LINKEDIN_API_URL",
  "HERALD_LINKEDIN_ACCESS_TOKEN",
  "HERALD_LINKEDIN_ORGANIZATION",
  "HERALD_LINKEDIN_VERSION",
  "HERALD_LINKEDIN_REFRESH_TOKEN",
  "HERALD_LINKEDIN_CLIENT_ID",
  "HERALD_LINKEDIN_CLIENT_SECRET",
  "HERALD_LINKEDIN_OAUTH_URL",
] as const;

/** The organization as a URN, from its numeric id or its URN. */
function organizationUrn(value: string): string {
  const id = /^(?:urn:li:organization:)?(\d+)$/.exec(value)?.[1];
  if (!id)
    throw new Error("HERALD_LINKEDIN_ORGANIZATION must be an organization id or urn:li:organization:<id>");
  return `urn:li:organization:${id}`;
}

/**
 * @example
 * linkedinSettingsFromEnv({ HERALD_LINKEDIN_ACCESS_TOKEN: "…", HERALD_LINKEDIN_ORGANIZATION: "2414183" });
 * // { organization: "urn:li:organization:2414183", version: "202607", apiUrl: "https://api.linkedin.com", … }
 */
export function linkedinSettingsFromEnv(
  env: Record<string, string | undefined>,
): LinkedInSettings | undefined {
  const vars = networkEnv(env, NAMES);
  if (!vars) return undefined;
  const version = vars.optional("HERALD_LINKEDIN_VERSION") ?? LINKEDIN_DEFAULT_VERSION;
  if (!/^\d{6}(\.\d{2})?$/.test(version)) throw new Error("HERALD_LINKEDIN_VERSION must be YYYYMM");
  const refreshToken = vars.optional("HERALD_LINKEDIN_REFRESH_TOKEN");
  // LinkedIn's refresh grant needs the client's id and secret; a refresh token alone is useless.
  const client = (name: (typeof NAMES)[number]) => (refreshToken ? vars.required(name) : vars.optional(name));
  return {
    apiUrl: vars.baseUrl("HERALD_LINKEDIN_API_URL", LINKEDIN_API_URL),
    organization: organizationUrn(vars.required("HERALD_LINKEDIN_ORGANIZATION")),
    accessToken: vars.required("HERALD_LINKEDIN_ACCESS_TOKEN"),
    version,
    refreshToken,
    clientId: client("HERALD_LINKEDIN_CLIENT_ID"),
    clientSecret: client("HERALD_LINKEDIN_CLIENT_SECRET"),
    oauthUrl: vars.baseUrl("HERALD_LINKEDIN_OAUTH_URL", LINKEDIN_OAUTH_URL),
  };
}
