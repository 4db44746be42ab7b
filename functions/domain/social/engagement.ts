import * as z from "zod";
import type { SocialNetwork } from "./network.js";

/**
 * What a post's audience did with it, as the network counts it, read twice: an hour after the post
 * (the first wave) and a day after (roughly where it ends). Each count is absent when the network
 * gives none (Mastodon has no quotes), never guessed as 0.
 */
export const EngagementLookup = z.enum(["1h", "1d"]);
export type EngagementLookup = z.infer<typeof EngagementLookup>;

/** How long after the post each look-up is due. */
export const LOOKUP_OFFSET_MS: Record<EngagementLookup, number> = { "1h": 3_600_000, "1d": 86_400_000 };

const Count = z.number().int().nonnegative().optional();
export const EngagementCounts = z.object({ likes: Count, reposts: Count, replies: Count, quotes: Count });
export type EngagementCounts = z.infer<typeof EngagementCounts>;

/**
 * One look-up's result as stored with the post: the counts and when they were read, or, once the
 * look-up gave up, why (the network's words) and how many tries it made.
 */
export const EngagementSnapshot = z.union([
  EngagementCounts.extend({ at: z.string() }),
  z.object({ at: z.string(), error: z.string(), tries: z.number().int().positive() }),
]);
export type EngagementSnapshot = z.infer<typeof EngagementSnapshot>;

/** The look-ups of one post, by name; a look-up not yet made is absent. */
export type PostEngagement = Partial<Record<EngagementLookup, EngagementSnapshot>>;

/** A look-up waiting for its time: what the periodic sweep finds in its hour's bucket. */
export interface DueLookup {
  editionId: string;
  network: SocialNetwork;
  account: string;
  /** The network's id of the post (what `readEngagement` asks about) and its public URL. */
  postId: string;
  url: string;
  lookup: EngagementLookup;
  /** ISO time it is due; a retry moves it later. */
  dueAt: string;
  /** Reads tried so far (0 until the first one failed). */
  tries: number;
}

/** How often the sweep runs (the schedule on AWS, a timer locally): a look-up is made within this of its time. */
export const SWEEP_EVERY_MINUTES = 15;

/** Reads per look-up at most: a network that keeps failing is asked 3 times, never in a loop. */
export const MAX_ENGAGEMENT_TRIES = 3;
const RETRY_BASE_MS = 15 * 60_000;

/**
 * The hour bucket a due time falls in (`YYYY-MM-DDTHH`, UTC): the sweep reads whole buckets with a
 * Query instead of scanning for what is due.
 *
 * @example
 * dueBucket(new Date("2026-03-01T17:42:10Z")); // "2026-03-01T17"
 */
export function dueBucket(at: Date): string {
  return at.toISOString().slice(0, 13);
}

/**
 * The buckets a sweep at `now` reads, oldest first: the current hour and the `catchUpHours` before
 * it, so look-ups missed while the sweep was not running (a deploy, an outage) are still made.
 *
 * @example
 * sweepBuckets(new Date("2026-03-01T17:05:00Z"), 2); // ["2026-03-01T15", "2026-03-01T16", "2026-03-01T17"]
 */
export function sweepBuckets(now: Date, catchUpHours: number): string[] {
  const hour = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  return Array.from({ length: catchUpHours + 1 }, (_, i) =>
    dueBucket(new Date(hour - (catchUpHours - i) * 3_600_000)),
  );
}

/**
 * The look-ups a post gets once it is known to exist: one an hour after `postedAt`, one a day after.
 *
 * @example
 * lookupsFor({ editionId: "ed_1", network: "bluesky", account: "news", postId: "at://…", url: "https://bsky.app/…" }, new Date("2026-03-01T17:00:00Z"));
 * // [{ lookup: "1h", dueAt: "2026-03-01T18:00:00.000Z", tries: 0, … }, { lookup: "1d", dueAt: "2026-03-02T17:00:00.000Z", … }]
 */
export function lookupsFor(
  post: Pick<DueLookup, "editionId" | "network" | "account" | "postId" | "url">,
  postedAt: Date,
): DueLookup[] {
  return EngagementLookup.options.map((lookup) => ({
    ...post,
    lookup,
    dueAt: new Date(postedAt.getTime() + LOOKUP_OFFSET_MS[lookup]).toISOString(),
    tries: 0,
  }));
}

/**
 * After a failed read: the same look-up again later (15, then 30 minutes), or `undefined` when it has
 * had its tries or the failure is one a retry cannot mend (a deleted post, dead credentials).
 *
 * @example
 * retryOf(due, new Date("2026-03-01T18:00:00Z"), true); // { ...due, tries: 1, dueAt: "2026-03-01T18:15:00.000Z" }
 */
export function retryOf(due: DueLookup, now: Date, retryable: boolean): DueLookup | undefined {
  const tries = due.tries + 1;
  if (!retryable || tries >= MAX_ENGAGEMENT_TRIES) return undefined;
  return { ...due, tries, dueAt: new Date(now.getTime() + RETRY_BASE_MS * 2 ** (tries - 1)).toISOString() };
}
