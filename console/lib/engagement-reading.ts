import type { EngagementSnapshot, SocialPost } from "./types.js";

/** The look-ups the API stores per post, in the order the console shows them. */
export const LOOKUPS = [
  { key: "1h", label: "1 h", offsetMs: 3_600_000 },
  { key: "1d", label: "1 d", offsetMs: 86_400_000 },
] as const;
export type Lookup = (typeof LOOKUPS)[number];

/** The counts a snapshot may carry; a count the network does not give is absent, never 0. */
export const METRICS = [
  { key: "likes", label: "Likes" },
  { key: "reposts", label: "Reposts" },
  { key: "replies", label: "Replies" },
  { key: "quotes", label: "Quotes" },
] as const;
type Metric = (typeof METRICS)[number]["key"];
export type Counts = Partial<Record<Metric, number>>;

/** Networks whose API gives no counts for a post: Herald never looks them up. */
const NO_COUNTS: Record<string, string> = { telegram: "Telegram" };

/**
 * What one look-up of one post says, told apart as the API allows: counts; a look-up that gave up
 * (the network's words); a network that gives none; no post to read; or not made yet, with the time
 * it is due (the post's last change is when it was posted: the look-up writes leave it alone).
 */
export type Reading =
  | { kind: "counts"; counts: Counts; at: string }
  | { kind: "failed"; error: string; tries: number; at: string }
  | { kind: "unavailable"; network: string }
  | { kind: "no_post"; status: string }
  | { kind: "not_yet"; dueAt?: string; overdue: boolean };

/** Within a sweep's quarter of an hour of its time, a missing look-up is still on its way. */
const SWEEP_SLACK_MS = 15 * 60_000;

function countsOf(s: EngagementSnapshot): Counts {
  const counts: Counts = {};
  for (const { key } of METRICS) if (typeof s[key] === "number") counts[key] = s[key];
  return counts;
}

/**
 * @example
 * readingOf({ network: "mastodon", status: "posted", engagement: { "1h": { at, likes: 4 } }, … }, LOOKUPS[0], Date.now());
 * // { kind: "counts", counts: { likes: 4 }, at }
 */
export function readingOf(post: SocialPost, lookup: Lookup, now: number): Reading {
  const unavailable = NO_COUNTS[post.network];
  if (unavailable) return { kind: "unavailable", network: unavailable };
  const snapshot = post.engagement?.[lookup.key];
  if (snapshot?.error !== undefined)
    return { kind: "failed", error: snapshot.error, tries: snapshot.tries ?? 1, at: snapshot.at };
  if (snapshot) return { kind: "counts", counts: countsOf(snapshot), at: snapshot.at };
  if (post.status !== "posted") return { kind: "no_post", status: post.status };
  const postedAt = post.updatedAt ? Date.parse(post.updatedAt) : Number.NaN;
  if (Number.isNaN(postedAt)) return { kind: "not_yet", overdue: false };
  const due = postedAt + lookup.offsetMs;
  return { kind: "not_yet", dueAt: new Date(due).toISOString(), overdue: now > due + SWEEP_SLACK_MS };
}

export interface Total {
  /** Per count, the sum over the posts that gave it; absent when none did. */
  counts: Counts;
  /** Posts whose look-up gave counts, out of the posts that could have one (posted, on a network that counts). */
  read: number;
  of: number;
}

/**
 * One look-up's counts summed across posts: a count no post gave stays absent (not 0), and the
 * total says how many posts it covers, so a half-read total is not taken for a whole one.
 *
 * @example
 * totalOf(posts, LOOKUPS[1], Date.now()); // { counts: { likes: 52, reposts: 11 }, read: 2, of: 3 }
 */
export function totalOf(posts: readonly SocialPost[], lookup: Lookup, now: number): Total {
  const total: Total = { counts: {}, read: 0, of: 0 };
  for (const post of posts) {
    const reading = readingOf(post, lookup, now);
    if (reading.kind === "unavailable" || reading.kind === "no_post") continue;
    total.of += 1;
    if (reading.kind !== "counts") continue;
    total.read += 1;
    for (const { key } of METRICS) {
      const n = reading.counts[key];
      if (n !== undefined) total.counts[key] = (total.counts[key] ?? 0) + n;
    }
  }
  return total;
}
