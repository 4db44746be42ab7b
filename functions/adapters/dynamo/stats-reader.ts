import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { StatsReader, TargetCounters } from "../../flows/ports.js";
import { queryItems } from "./counter-items.js";
import { AUDIENCE_SHARDS, COUNTER_SK, ENGAGEMENT_SHARDS, statsPk } from "./engagement-keys.js";
import { keys, SK } from "./keys.js";
import { type Buckets, closedBefore, type Rollup, readRollup, writeRollup } from "./timeline-rollup.js";

const NOT_COUNTS = new Set(["pk", "sk", "url"]);
function sumInto(into: Record<string, number>, item: Record<string, unknown>) {
  for (const [k, v] of Object.entries(item)) if (!NOT_COUNTS.has(k)) into[k] = (into[k] ?? 0) + Number(v);
}

/** The counts of `bucket`, added to the map empty when it has none yet. */
function entryOf(buckets: Buckets, bucket: string): Record<string, number> {
  const counts = buckets.get(bucket) ?? {};
  buckets.set(bucket, counts);
  return counts;
}

/** One timeline bucket's counts, as read from one item. */
type BucketItem = { bucket: string; counts: Record<string, unknown> };

/** A timeline item's sort-key prefix, and an upper bound past every item of a shard. */
const BUCKET = COUNTER_SK.bucket("");
const END = "\uffff";

/** How far behind now a roll-up's edge is expected: an hour past the settling time. */
const LIKELY_EDGE_MS = 3_600_000;

/** Parsed roll-ups a reader keeps (the emails an audience team has open at once, and more). */
const ROLLUPS_KEPT = 64;

/**
 * Reads the aggregated counters the stats endpoints answer from, whatever the audience size and never
 * with a Scan. An email is ten requests at once: its roll-up of closed timeline buckets (one item,
 * `timeline-rollup.ts`), one Query per shard (eight) for the buckets since and the totals and links
 * that sort after them, and one of the send-rate minutes. A read that finds the roll-up's edge
 * further back reads the buckets in between (nine Queries more), and one that finds closed buckets
 * outside the roll-up folds them in. A range of audience days is eight Queries. The last roll-ups
 * read are kept parsed, and used again while their version is the stored one. Only the stats
 * function carries it (the API bundle has a size budget).
 *
 * @example
 * const counters = await dynamoStatsReader(db, "herald").engagement("ed_…");
 */
export function dynamoStatsReader(
  db: DynamoDBDocumentClient,
  table: string,
  now: () => Date = () => new Date(),
): StatsReader {
  const rollups = new Map<string, Rollup>();
  const keep = (target: string, rollup: Rollup) => {
    rollups.delete(target);
    rollups.set(target, rollup);
    if (rollups.size > ROLLUPS_KEPT) rollups.delete(rollups.keys().next().value as string);
  };
  /**
   * The roll-up's buckets with the closed buckets of `recent` moved in (stored for the next read; a
   * read that lost the race to store it answers the same numbers). `recent` keeps only the open ones.
   */
  const foldClosed = async (target: string, rollup: Rollup, recent: Buckets): Promise<Buckets> => {
    const before = closedBefore(now().getTime());
    const closed = [...recent.keys()].filter((bucket) => bucket < before);
    if (closed.length === 0) return rollup.buckets;
    const folded: Buckets = new Map(rollup.buckets);
    for (const bucket of closed) {
      folded.set(bucket, recent.get(bucket) ?? {});
      recent.delete(bucket);
    }
    const next = { before, buckets: folded, version: rollup.version };
    if (await writeRollup(db, table, target, next)) keep(target, { ...next, version: rollup.version + 1 });
    return folded;
  };
  return {
    async engagement(target): Promise<TargetCounters> {
      const shards = Array.from({ length: ENGAGEMENT_SHARDS }, (_, s) => statsPk(target, s));
      const ratePk = keys.sendRate(target, "").pk;
      /**
       * Each shard's items from bucket `from` to bucket `to` (inclusive), or without `to` from `from`
       * on, which reaches past the buckets to the totals; and `sent` per bucket from the send-rate
       * minutes the chunks' records already write, so a chunk makes no write of its own for the
       * timeline. A `T#` item's own `sent` predates that: the same sends, in the same minute, as a
       * send-rate item counts them, so it is left out rather than counted twice.
       */
      const itemsFrom = async (from: string, to?: string) => {
        const [counters, rate] = await Promise.all([
          Promise.all(
            shards.map((pk) =>
              queryItems(db, table, pk, [COUNTER_SK.bucket(from), to ? COUNTER_SK.bucket(to) : END]),
            ),
          ),
          queryItems(db, table, ratePk, [`${SK.sendRate}${from}`, `${SK.sendRate}${to ?? END}`]),
        ]);
        const buckets: BucketItem[] = rate.map((item) => ({
          bucket: keys.sendRateMinuteFrom(item.sk),
          counts: { sent: item.sent },
        }));
        const totals: Record<string, unknown>[] = [];
        for (const item of counters.flat()) {
          const sk = String(item.sk);
          if (!sk.startsWith(BUCKET)) totals.push(item);
          else {
            const { sent: _counted, ...counts } = item;
            buckets.push({ bucket: sk.slice(BUCKET.length), counts });
          }
        }
        return { buckets, totals };
      };
      // The open buckets are read beside the roll-up, from where its edge is when the email is read
      // at least hourly (the console polls), together with the totals: one round trip, one Query a
      // shard.
      const likelyEdge = closedBefore(now().getTime() - LIKELY_EDGE_MS);
      const [rollup, sinceLikely] = await Promise.all([
        readRollup(db, table, target, rollups.get(target)),
        itemsFrom(likelyEdge),
      ]);
      const older = rollup.before < likelyEdge ? (await itemsFrom(rollup.before, likelyEdge)).buckets : [];
      // Buckets before the roll-up's edge are in it already; the upper bound of BETWEEN is inclusive.
      const fresh = [...older.filter((b) => b.bucket < likelyEdge), ...sinceLikely.buckets].filter(
        (b) => b.bucket >= rollup.before,
      );
      const message: Record<string, number> = {};
      const links = new Map<string, { key: string; url: string; counts: Record<string, number> }>();
      for (const item of sinceLikely.totals) {
        const sk = String(item.sk);
        if (sk === COUNTER_SK.message) sumInto(message, item);
        else if (sk.startsWith(COUNTER_SK.linkPrefix)) {
          const key = sk.slice(COUNTER_SK.linkPrefix.length);
          const link = links.get(key) ?? { key, url: "", counts: {} };
          if (typeof item.url === "string") link.url = item.url;
          sumInto(link.counts, item);
          links.set(key, link);
        }
      }
      if (rollup.version > 0) keep(target, rollup);
      const recent: Buckets = new Map();
      for (const b of fresh) sumInto(entryOf(recent, b.bucket), b.counts);
      // The roll-up's buckets are shared with the next reads: the open ones, all after its edge, are
      // added beside them, never into them.
      const timeline = new Map(await foldClosed(target, rollup, recent));
      for (const [bucket, counts] of recent) sumInto(entryOf(timeline, bucket), counts);
      return {
        message,
        links: [...links.values()],
        timeline: [...timeline.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) // ISO keys: code unit order is time order
          .map(([bucket, counts]) => ({ bucket, counts })),
      };
    },
    async audience(from, to) {
      const days = new Map<string, Record<string, number>>();
      const shards = await Promise.all(
        Array.from({ length: AUDIENCE_SHARDS }, (_, s) =>
          queryItems(db, table, `AUDSTAT#${s}`, [`DAY#${from}`, `DAY#${to}`]),
        ),
      );
      for (const item of shards.flat()) {
        const day = String(item.sk).slice(4);
        const row = days.get(day) ?? {};
        for (const [k, v] of Object.entries(item)) if (k.includes("|")) row[k] = (row[k] ?? 0) + Number(v);
        days.set(day, row);
      }
      return days;
    },
  };
}
