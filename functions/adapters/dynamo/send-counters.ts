import { createHash } from "node:crypto";
import type { Tally } from "../../domain/chunk.js";
import type { Counts } from "../../domain/edition.js";
import { keys } from "./keys.js";

/**
 * A fan-out's send counters (sent, failed, skipped, unknown, cancelled, chunks done, last progress)
 * live in `SEND_SHARDS` items beside its item (`ED#<id>` / `SENT#<n>`), summed on read with what the
 * item itself holds. Every chunk's record moves them in the transaction that records the chunk, so
 * on one item they would take every chunk's write: 200 a second at 10,000 recipients a second, each
 * a transaction (double the units) on an item as large as the article. A chunk always lands on the
 * same shard (by its key), so a retried record meets the same item.
 */
export const SEND_SHARDS = 8;

const SEND_COUNTERS = ["sent", "failed", "skipped", "unknown", "cancelled"] as const;
type SendCounter = (typeof SEND_COUNTERS)[number];

/** What a fan-out's send-counter shards add up to. */
export interface SendSums {
  counts: Record<SendCounter, number>;
  chunksDone: number;
  progressAt?: string;
}

/** The shard a chunk's record moves, from its key: the same one every time. */
export const sendShardOf = (chunkKey: string) =>
  createHash("sha256").update(chunkKey).digest().readUInt8(0) % SEND_SHARDS;

/** The keys of a fan-out's send-counter shards. */
export const sendShardKeys = (id: string) =>
  Array.from({ length: SEND_SHARDS }, (_, n) => keys.sendCounts(id, n));

/**
 * The transaction element that adds a chunk's tally to its shard (created by the first `ADD`).
 *
 * @example
 * TransactItems: [chunkUpdate, sendCountsUpdate(table, "ed_x", "world#instant#0#4", tally, true, now)]
 */
export function sendCountsUpdate(
  table: string,
  editionId: string,
  chunkKey: string,
  tally: Tally,
  chunkDone: boolean,
  now: Date,
) {
  return {
    Update: {
      TableName: table,
      Key: keys.sendCounts(editionId, sendShardOf(chunkKey)),
      UpdateExpression: "ADD #s :s, #f :f, #k :k, #u :u, #c :c, chunksDone :d SET progressAt = :now",
      ExpressionAttributeNames: {
        "#s": "sent",
        "#f": "failed",
        "#k": "skipped",
        "#u": "unknown",
        "#c": "cancelled",
      },
      ExpressionAttributeValues: {
        ":s": tally.sent,
        ":f": tally.failed,
        ":k": tally.skipped,
        ":u": tally.unknown,
        ":c": tally.cancelled,
        ":d": chunkDone ? 1 : 0,
        ":now": now.toISOString(),
      },
    },
  };
}

/** Sums send-counter shard items into totals per fan-out id (other items are ignored). */
export function sumSendShards(items: Record<string, unknown>[]): Map<string, SendSums> {
  const found = new Map<string, SendSums>();
  for (const item of items) {
    if (!keys.isSendCounts(item.sk)) continue;
    const id = keys.editionIdFrom(item.pk);
    const sum = found.get(id) ?? {
      counts: { sent: 0, failed: 0, skipped: 0, unknown: 0, cancelled: 0 },
      chunksDone: 0,
    };
    for (const c of SEND_COUNTERS) sum.counts[c] += Number(item[c] ?? 0);
    sum.chunksDone += Number(item.chunksDone ?? 0);
    const at = item.progressAt as string | undefined;
    if (at && (!sum.progressAt || at > sum.progressAt)) sum.progressAt = at;
    found.set(id, sum);
  }
  return found;
}

/**
 * The item's own send counters (all of them before the shards existed, zeros after) plus its shards'.
 *
 * @example
 * withSendSums({ counts, chunksDone: 0 }, sums); // counts.sent = item's + every shard's
 */
export function withSendSums<T extends { counts: Counts; chunksDone: number; progressAt?: string }>(
  record: T,
  sums: SendSums | undefined,
): T {
  if (!sums) return record;
  const counts = { ...record.counts };
  for (const c of SEND_COUNTERS) counts[c] = (counts[c] ?? 0) + sums.counts[c];
  const progressAt =
    sums.progressAt && (!record.progressAt || sums.progressAt > record.progressAt)
      ? sums.progressAt
      : record.progressAt;
  return {
    ...record,
    counts,
    chunksDone: (record.chunksDone ?? 0) + sums.chunksDone,
    ...(progressAt ? { progressAt } : {}),
  };
}
