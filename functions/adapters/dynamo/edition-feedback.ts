import { createHash } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Counts } from "../../domain/edition.js";
import type { EditionRepo } from "../../flows/ports.js";
import { batchGetAll } from "./batch-get.js";
import { conditionally, writeIf } from "./conditional-write.js";
import { feedbackMarkPut, keys } from "./keys.js";
import { recentReads } from "./recent-reads.js";
import { type SendSums, sendShardKeys, sumSendShards } from "./send-counters.js";
import { writeTransaction } from "./transaction.js";

const FEEDBACK_COUNTERS = ["bounced", "complained", "delivered", "opened", "clicked", "failed"] as const;
type FeedbackCounts = Partial<Pick<Counts, (typeof FEEDBACK_COUNTERS)[number]>>;

/**
 * SES feedback counters of editions, in `FEEDBACK_SHARDS` items beside the edition item
 * (`ED#<id>` / `FEEDBACK#<n>`), summed on read. Apart from the edition item, because an SES event
 * arrives for nearly every recipient and, as transactions on the edition item, they would collide
 * with the send worker's, each collision costing a chunk its bookkeeping; sharded, because events of
 * one edition arrive together, and transactions on one item at once collide with each other.
 */
export const FEEDBACK_SHARDS = 8;

const shardOf = (mark: string) => createHash("sha256").update(mark).digest().readUInt8(0) % FEEDBACK_SHARDS;

/** The keys of an edition's feedback shards. */
export const feedbackKeys = (id: string) =>
  Array.from({ length: FEEDBACK_SHARDS }, (_, n) => keys.editionFeedback(id, n));

/** Sums feedback shard items into counts per edition id (other items are ignored). */
export function sumFeedback(items: Record<string, unknown>[]): Map<string, FeedbackCounts> {
  const found = new Map<string, FeedbackCounts>();
  for (const item of items) {
    if (!keys.isEditionFeedback(item.sk)) continue;
    const id = keys.editionIdFrom(item.pk);
    const sum = found.get(id) ?? {};
    for (const c of FEEDBACK_COUNTERS) sum[c] = (sum[c] ?? 0) + Number(item[c] ?? 0);
    found.set(id, sum);
  }
  return found;
}

/** What a fan-out's counter shards add up to: SES feedback, and sends (`send-counters.ts`). */
export interface ShardSums {
  feedback?: FeedbackCounts;
  sends?: SendSums;
}

/** Both kinds of counter shards, summed per fan-out id, from items read together. */
export function sumShards(items: Record<string, unknown>[]): Map<string, ShardSums> {
  const feedback = sumFeedback(items);
  const sends = sumSendShards(items);
  const found = new Map<string, ShardSums>();
  for (const id of new Set([...feedback.keys(), ...sends.keys()])) {
    found.set(id, { feedback: feedback.get(id), sends: sends.get(id) });
  }
  return found;
}

/** The keys of every counter shard of a fan-out: its feedback's and its sends'. */
export const counterShardKeys = (id: string) => [...feedbackKeys(id), ...sendShardKeys(id)];

export async function shardCounts(db: DynamoDBDocumentClient, table: string, ids: string[]) {
  return sumShards(await batchGetAll(db, table, ids.flatMap(counterShardKeys)));
}

/** How long a list serves a fan-out's sharded counters before reading them again. */
const LISTED_FEEDBACK_MS = 2_000;

/**
 * The sharded counters (feedback and sends) a list of editions or briefings shows, each read at most
 * every 2 s: every open console polls the first page, and its twenty fan-outs' shards are 320 items.
 * A single edition's view reads them as they are.
 */
export const listedFeedbackReader = (db: DynamoDBDocumentClient, table: string) =>
  recentReads((ids) => shardCounts(db, table, ids), { maxAgeMs: LISTED_FEEDBACK_MS });

/** The edition's side of SES feedback: counters moved once per event, and resuming after a pause. */
export function editionFeedback(
  db: DynamoDBDocumentClient,
  table: string,
): Pick<EditionRepo, "countFeedback" | "resume"> {
  // Editions are never deleted: once seen, an id needs no second look.
  const known = new Set<string>();
  const exists = async (id: string) => {
    if (known.has(id)) return true;
    const out = await db.send(
      new GetCommand({ TableName: table, Key: keys.edition(id), ProjectionExpression: "pk" }),
    );
    if (out.Item && known.size < 10_000) known.add(id);
    return Boolean(out.Item);
  };
  return {
    async countFeedback(id, counter, mark) {
      if (!(await exists(id))) return "no-edition";
      // Events of one edition arrive together: a collision on a counter shard is retried inside.
      const out = await conditionally(
        writeTransaction(db, {
          TransactItems: [
            { Put: feedbackMarkPut(table, mark, new Date()) },
            {
              Update: {
                TableName: table,
                Key: keys.editionFeedback(id, shardOf(mark)),
                UpdateExpression: "ADD #c :one",
                ExpressionAttributeNames: { "#c": counter },
                ExpressionAttributeValues: { ":one": 1 },
              },
            },
          ],
        }),
      );
      if (out.written) return "counted";
      // Only the mark has a condition: it failing means this event was counted before.
      if (out.refused[0]) return "duplicate";
      throw out.error;
    },
    async resume(id, baseline) {
      return writeIf(
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.edition(id),
            UpdateExpression: "SET #s = :sending, updatedAt = :now, rateBaseline = :b REMOVE statusReason",
            ConditionExpression: "#s = :paused",
            ExpressionAttributeNames: { "#s": "status" },
            ExpressionAttributeValues: {
              ":sending": "sending",
              ":paused": "paused",
              ":b": baseline,
              ":now": new Date().toISOString(),
            },
          }),
        ),
      );
    },
  };
}
