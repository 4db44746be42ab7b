import { networkEnv } from "../common/network-env.js";

/** What the Threads adapter needs to post as a Threads profile. */
export interface ThreadsSettings {
  apiUrl: string;
  /** The Threads user id the token belongs to: the account's name in Herald. */
  userId: string;
  /** A long-lived token (60 days) with `threads_basic` and `threads_content_publish`; refreshable. */
  accessToken: string;
}

export const THREADS_API_URL = "https://graph.threads.net";

const NAMES = ["HERALD_THREADS_API_URL", "HERALD_THREADS_USER_ID", "HERALD_THREADS_ACCESS_TOKEN"] as const;

/**
 * @example
 * threadsSettingsFromEnv({ HERALD_THREADS_USER_ID: "17841400000000000", HERALD_THREADS_ACCESS_TOKEN: "…" });
 * // { apiUrl: "https://graph.threads.net", userId: "17841400000000000", accessToken: "…" }
 */
export function threadsSettingsFromEnv(env: Record<string, string | undefined>): ThreadsSettings | undefined {
  const vars = networkEnv(env, NAMES);
  if (!vars) return undefined;
  const userId = vars.required("HERALD_THREADS_USER_ID");
  if (!/^\d+$/.test(userId)) throw new Error("HERALD_THREADS_USER_ID must be the numeric Threads user id");
  return {
    apiUrl: vars.baseUrl("HERALD_THREADS_API_URL", THREADS_API_URL),
    userId,
    accessToken: vars.required("HERALD_THREADS_ACCESS_TOKEN"),
  };
}
