import { networkEnv } from "../common/network-env.js";

/** What the Facebook adapter needs to post to a Page. */
export interface FacebookSettings {
  apiUrl: string;
  /** The Graph API version in the path, e.g. `v26.0`. */
  graphVersion: string;
  /** The Page's id: the account's name in Herald. */
  pageId: string;
  /** A Page access token with `pages_manage_posts` and `pages_read_engagement`. */
  pageToken: string;
}

export const FACEBOOK_API_URL = "https://graph.facebook.com";
/** A current Graph API version; each is supported for about two years after release. */
export const FACEBOOK_DEFAULT_GRAPH_VERSION = "v26.0";

const NAMES = [
  "HERALD_FACEBOOK_API_URL",
  "HERALD_FACEBOOK_PAGE_ID",
  "HERALD_FACEBOOK_PAGE_TOKEN",
  "HERALD_FACEBOOK_GRAPH_VERSION",
] as const;

/**
 * @example
 * facebookSettingsFromEnv({ HERALD_FACEBOOK_PAGE_ID: "104512345678901", HERALD_FACEBOOK_PAGE_TOKEN: "…" });
 * // { apiUrl: "https://graph.facebook.com", graphVersion: "v26.0", pageId: "104512345678901", pageToken: "…" }
 */
export function facebookSettingsFromEnv(
  env: Record<string, string | undefined>,
): FacebookSettings | undefined {
  const vars = networkEnv(env, NAMES);
  if (!vars) return undefined;
  const graphVersion = vars.optional("HERALD_FACEBOOK_GRAPH_VERSION") ?? FACEBOOK_DEFAULT_GRAPH_VERSION;
  if (!/^v\d+\.\d+$/.test(graphVersion))
    throw new Error("HERALD_FACEBOOK_GRAPH_VERSION must look like v26.0");
  const pageId = vars.required("HERALD_FACEBOOK_PAGE_ID");
  if (!/^\d+$/.test(pageId)) throw new Error("HERALD_FACEBOOK_PAGE_ID must be the Page's numeric id");
  return {
    apiUrl: vars.baseUrl("HERALD_FACEBOOK_API_URL", FACEBOOK_API_URL),
    graphVersion,
    pageId,
    pageToken: vars.required("HERALD_FACEBOOK_PAGE_TOKEN"),
  };
}
