import { gunzipSync, gzipSync } from "node:zlib";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { writeIf } from "./conditional-write.js";
import { PK } from "./keys.js";

/**
 * A bucket is closed, and may be folded, once this long has passed since its hour ended: events
 * are bucketed by when they happened, and the engagement queue may hold one back for a while.
 */
export const SETTLE_MS = 15 * 60_000;

/** Summed counters per timeline bucket (`2026-12-06T03:55` minutes, `2026-12-06T03` hours). */
export type Buckets = Map<string, Record<string, number>>;

/**
 * An email's closed timeline buckets, summed over their shards and stored as one compressed item:
 * every bucket whose key sorts before `before` (an hour key). A stats read then queries only the
 * buckets from `before` on, whatever the email's age: a month of minutes and hours over eight shards
 * is ~28,000 items, a roll-up is one.
 */
export interface Rollup {
  before: string;
  buckets: Buckets;
  version: number;
}

const key = (target: string) => ({ pk: `${PK.engagementStats}${target}`, sk: "ROLLUP" });

/**
 * The hour key every bucket sorting before it is closed at `nowMs`: the hour that began before
 * {@link SETTLE_MS} ago. Hour keys sort before their own minutes (`…T10` < `…T10:00`), so every
 * minute and hour key below it belongs to an hour that has ended and settled.
 *
 * @example
 * closedBefore(Date.parse("2026-12-06T10:20:00Z")); // "2026-12-06T10"
 */
export function closedBefore(nowMs: number): string {
  return new Date(nowMs - SETTLE_MS).toISOString().slice(0, 13);
}

/**
 * Reads an email's roll-up; an empty one (everything still to fold) when there is none. `known` is
 * one read before: answered as is when the item still has its version and edge, since a stored
 * version never changes (a month of buckets is most of a stats read's CPU to decompress and parse).
 * A roll-up's buckets are shared that way, so nobody may change them.
 *
 * @example
 * const { before, buckets } = await readRollup(db, "herald", "ed_…");
 */
export async function readRollup(
  db: DynamoDBDocumentClient,
  table: string,
  target: string,
  known?: Rollup,
): Promise<Rollup> {
  const out = await db.send(new GetCommand({ TableName: table, Key: key(target) }));
  if (!out.Item) return { before: "", buckets: new Map(), version: 0 };
  if (known?.version === Number(out.Item.version) && known.before === String(out.Item.before)) return known;
  const entries = JSON.parse(gunzipSync(out.Item.buckets as Uint8Array).toString()) as Array<
    [string, Record<string, number>]
  >;
  return { before: String(out.Item.before), buckets: new Map(entries), version: Number(out.Item.version) };
}

/**
 * Stores a roll-up that folds more buckets, unless another read stored one meanwhile (`false`; the
 * caller's answer is right either way, the next read folds again). Compressed: mostly small numbers
 * in repeated field names.
 *
 * @example
 * await writeRollup(db, "herald", "ed_…", { before: "2026-12-06T10", buckets, version: 3 });
 */
export function writeRollup(db: DynamoDBDocumentClient, table: string, target: string, rollup: Rollup) {
  return writeIf(
    db.send(
      new PutCommand({
        TableName: table,
        Item: {
          ...key(target),
          before: rollup.before,
          buckets: gzipSync(JSON.stringify([...rollup.buckets])),
          version: rollup.version + 1,
        },
        ConditionExpression: rollup.version === 0 ? "attribute_not_exists(pk)" : "version = :v",
        ...(rollup.version === 0 ? {} : { ExpressionAttributeValues: { ":v": rollup.version } }),
      }),
    ),
  );
}
