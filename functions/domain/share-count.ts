import { createHash } from "node:crypto";

/** A reader's share of an edition to a network counts once per this many seconds. */
export const SHARE_COUNT_WINDOW_SECONDS = 24 * 3600;

/** What makes a share count once: an opaque mark, and when the mark may be forgotten. */
export interface ShareOnce {
  mark: string;
  /** Unix seconds: after the window ends (an hour's slack for clock skew). */
  expiresAt: number;
}

/**
 * The mark of one client's share of one edition to one network in the current window. It is a
 * hash: the client's address is not stored.
 *
 * @example
 * shareOnce("203.0.113.7", "ed_1", "x", Date.now() / 1000); // { mark: "3f…", expiresAt: … }
 */
export function shareOnce(client: string, editionId: string, network: string, nowSeconds: number): ShareOnce {
  const window = Math.floor(nowSeconds / SHARE_COUNT_WINDOW_SECONDS);
  const mark = createHash("sha256")
    .update(`${client}\n${editionId}\n${network}\n${window}`)
    .digest("hex")
    .slice(0, 32);
  return { mark, expiresAt: (window + 1) * SHARE_COUNT_WINDOW_SECONDS + 3600 };
}
