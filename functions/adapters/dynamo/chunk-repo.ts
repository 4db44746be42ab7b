import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Outcome, Tally } from "../../domain/chunk.js";
import type { ChunkRecord, ChunkRepo } from "../../flows/ports.js";
import { conditionally, writeIf } from "./conditional-write.js";
import { keys, SK } from "./keys.js";
import { sendCountsUpdate, sendShardOf } from "./send-counters.js";
import { sendRateUpdate } from "./send-rate.js";
import { writeTransaction } from "./transaction.js";

/** Outcomes are stored compactly (`s:<messageId>`, `f:<error>`, `k:<reason>`, `u`): a chunk stays ~5 KB. */
function encode(o: Outcome): string {
  switch (o.kind) {
    case "sent":
      return `s:${o.messageId}`;
    case "failed":
      return `f:${o.error.slice(0, 200)}`;
    case "skipped":
      return `k:${o.reason}`;
    case "unknown":
      return "u";
    case "cancelled":
      return "c";
  }
}

function decode(v: string): Outcome {
  const rest = v.slice(2);
  if (v.startsWith("s:")) return { kind: "sent", messageId: rest };
  if (v.startsWith("f:")) return { kind: "failed", error: rest };
  if (v.startsWith("k:")) return { kind: "skipped", reason: rest };
  if (v === "c") return { kind: "cancelled" };
  return { kind: "unknown" };
}

function toRecord(editionId: string, item: Record<string, unknown>): ChunkRecord {
  const out = (item.out ?? {}) as Record<string, string>;
  return {
    editionId,
    key: keys.chunkKeyFrom(item.sk),
    recipients: item.recipients as string[],
    lastKey: item.lastKey as string,
    variant: item.variant as string | undefined,
    outcomes: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, decode(v)])),
    inflight: (item.inflight as string[] | undefined) ?? [],
    done: Boolean(item.done),
    version: Number(item.v ?? 0),
    leaseUntil: item.leaseUntil as number | undefined,
  };
}

/** Send chunks in DynamoDB, beside their edition; every change is conditional on the chunk's version. */
export function dynamoChunkRepo(db: DynamoDBDocumentClient, table: string): ChunkRepo {
  const get = async (editionId: string, key: string) => {
    const out = await db.send(
      new GetCommand({ TableName: table, Key: keys.chunk(editionId, key), ConsistentRead: true }),
    );
    return out.Item ? toRecord(editionId, out.Item) : undefined;
  };
  // Only the keys and leases travel; the filter still reads every chunk, one Query page at a time.
  async function* unfinished(editionId: string) {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :chunk)",
          FilterExpression: "done = :no",
          ProjectionExpression: "sk, leaseUntil",
          ExpressionAttributeValues: {
            ":pk": keys.edition(editionId).pk,
            ":chunk": SK.chunk,
            ":no": false,
          },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      const found = (out.Items ?? []).map((i) => ({
        key: keys.chunkKeyFrom(i.sk),
        ...(i.leaseUntil !== undefined ? { leaseUntil: Number(i.leaseUntil) } : {}),
      }));
      if (found.length) yield found;
      start = out.LastEvaluatedKey;
    } while (start);
  }
  return {
    get,
    unfinished,
    async *undone(editionId) {
      for await (const page of unfinished(editionId)) yield page.map((c) => c.key);
    },
    async leased(editionId, nowMs) {
      const found: string[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: "pk = :pk AND begins_with(sk, :chunk)",
            FilterExpression: "leaseUntil > :now",
            ProjectionExpression: "sk",
            ExpressionAttributeValues: {
              ":pk": keys.edition(editionId).pk,
              ":chunk": SK.chunk,
              ":now": nowMs,
            },
            ExclusiveStartKey: start,
            ConsistentRead: true,
          }),
        );
        found.push(...(out.Items ?? []).map((i) => keys.chunkKeyFrom(i.sk)));
        start = out.LastEvaluatedKey;
      } while (start);
      return found;
    },
    async createOrGet(editionId, key, recipients, lastKey, variant) {
      const item = {
        ...keys.chunk(editionId, key),
        recipients,
        lastKey,
        ...(variant !== undefined ? { variant } : {}),
        out: {},
        inflight: [],
        done: false,
        v: 0,
      };
      const put = await conditionally(
        db.send(
          new PutCommand({ TableName: table, Item: item, ConditionExpression: "attribute_not_exists(pk)" }),
        ),
      );
      if (put.written) return toRecord(editionId, item);
      const existing = await get(editionId, key);
      if (!existing) throw put.error;
      return existing;
    },
    async claim(chunk, leaseUntil, inflight) {
      const claimed = await writeIf(
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.chunk(chunk.editionId, chunk.key),
            UpdateExpression: "SET leaseUntil = :l, inflight = :i, v = :next",
            ConditionExpression: "v = :v",
            ExpressionAttributeValues: {
              ":l": leaseUntil,
              ":i": inflight,
              ":v": chunk.version,
              ":next": chunk.version + 1,
            },
          }),
        ),
      );
      return claimed ? { ...chunk, leaseUntil, inflight, version: chunk.version + 1 } : undefined;
    },
    async record(chunk, outcomes, done, tally: Tally) {
      // The whole map, not one path per recipient: the version condition guarantees `out` is still
      // what `chunk` was read with, and one value marshals far cheaper than fifty named paths.
      const out = Object.fromEntries(
        Object.entries({ ...chunk.outcomes, ...outcomes }).map(([id, o]) => [id, encode(o)]),
      );
      // Every chunk's record moves its edition's counters, so on DynamoDB transactions collide
      // under load: writeTransaction tries those again; only a failed version condition is an answer.
      const now = new Date();
      const recorded = await writeIf(
        writeTransaction(db, {
          TransactItems: [
            {
              Update: {
                TableName: table,
                Key: keys.chunk(chunk.editionId, chunk.key),
                UpdateExpression: "SET #out = :out, done = :done, v = :next REMOVE leaseUntil, inflight",
                ConditionExpression: "v = :v",
                ExpressionAttributeNames: { "#out": "out" },
                ExpressionAttributeValues: {
                  ":out": out,
                  ":done": done,
                  ":v": chunk.version,
                  ":next": chunk.version + 1,
                },
              },
            },
            // The counters and the chart's minute, in the chunk's shards (`send-counters.ts`).
            sendCountsUpdate(table, chunk.editionId, chunk.key, tally, done, now),
            ...(tally.sent > 0
              ? [sendRateUpdate(table, chunk.editionId, tally.sent, sendShardOf(chunk.key), now)]
              : []),
          ],
        }),
      );
      return recorded;
    },
  };
}
