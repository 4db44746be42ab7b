import { PK } from "./keys.js";

/** Writes pick one of these shards at random; a read queries them all (a hot edition spreads out). */
export const ENGAGEMENT_SHARDS = 8;

/**
 * The partition of one shard of an email's counters (`T#<bucket>`, `TOTAL#MSG`, `TOTAL#LINK#<key>`).
 *
 * @example
 * statsPk("ed_…", 3); // "ESTAT#ed_…#3"
 */
export const statsPk = (target: string, shard: number) => `${PK.engagementStats}${target}#${shard}`;

/**
 * The sort keys inside a shard. The totals sort after every timeline bucket (`TOTAL#` > `T#…`, as
 * "O" > "#"), so one Query from a bucket on reads the buckets since and the totals together: a stats
 * read makes one request per shard, not two. Before 2026-12-07 the totals were `MSG` and
 * `LINK#<key>` (`move-legacy-totals.ts` moves them).
 *
 * @example
 * COUNTER_SK.link("k3"); // "TOTAL#LINK#k3"
 */
export const COUNTER_SK = {
  bucket: (bucket: string) => `T#${bucket}`,
  message: "TOTAL#MSG",
  linkPrefix: "TOTAL#LINK#",
  link: (key: string) => `TOTAL#LINK#${key}`,
} as const;

/** Audience day items are spread over this many partitions. */
export const AUDIENCE_SHARDS = 8;
