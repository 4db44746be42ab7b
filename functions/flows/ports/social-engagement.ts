import type { DueLookup, EngagementSnapshot } from "../../domain/social/engagement.js";

/**
 * Engagement look-ups: waiting in buckets by the hour they are due (read with a Query, never a
 * Scan), and their snapshots, stored on the post they read.
 *
 * @example
 * await repo.schedule(lookupsFor(post, postedAt));
 * for (const due of await repo.due("2026-03-01T18", now, 100)) …
 */
export interface SocialEngagementRepo {
  /** Enters look-ups in their due hours' buckets; entering the same one twice keeps one. */
  schedule(lookups: DueLookup[]): Promise<void>;
  /** The look-ups of `bucket` (`YYYY-MM-DDTHH`) due at or before `until`, earliest first, at most `limit`. */
  due(bucket: string, until: Date, limit: number): Promise<DueLookup[]>;
  /**
   * Stores the look-up's snapshot on its post, unless counts are stored for it already (a failure
   * stored earlier may be replaced). Says whether it stored. Nothing else of the post changes.
   */
  record(due: DueLookup, snapshot: EngagementSnapshot): Promise<boolean>;
  /** Takes the look-up out of its bucket (made, given up, or moved to a retry). */
  remove(due: DueLookup): Promise<void>;
}
