import { PK } from "./keys.js";

/** Writes pick one of these shards at random; a read queries them all (a hot edition spreads out). */
export const ENGAGEMENT_SHARDS = 8;

/**
 * The partition of one shard of an email's counters (`MSG`, `LINK#<key>`, `T#<bucket>` items).
 *
 * @example
 * statsPk("ed_…", 3); // "ESTAT#ed_…#3"
 */
export const statsPk = (target: string, shard: number) => `${PK.engagementStats}${target}#${shard}`;

/** Audience day items are spread over this many partitions. */
export const AUDIENCE_SHARDS = 8;
