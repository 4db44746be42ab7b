import { createHash } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  type ChunkDeliveries,
  type CountedPositions,
  type DeliverySlot,
  newDeliveries,
  slotKey,
} from "../../domain/delivery-slots.js";
import type { DeliveryCounts } from "../../flows/ports.js";
import { batchGetAll } from "./batch-get.js";
import { conditionally } from "./conditional-write.js";
import { FEEDBACK_SHARDS } from "./edition-feedback.js";
import { keys, PK } from "./keys.js";
import { TRANSACTION_ITEMS, writeTransaction } from "./transaction.js";

/** `ED#<id>` / `DLV#<chunk>`: the positions of a chunk counted as delivered (TTL, like SES marks). */
const slotsKey = (editionId: string, chunk: string) => ({
  pk: `${PK.edition}${editionId}`,
  sk: `DLV#${chunk}`,
});
const SLOTS_DAYS = 30;
/** A lost race is read again; this many in a row means something else is wrong. */
const MAX_ROUNDS = 20;

/** Over the version read: the item must not exist (0) or still be at it. */
const slotsUpdate = (table: string, c: ChunkDeliveries, ttl: number) => ({
  TableName: table,
  Key: slotsKey(c.editionId, c.chunk),
  UpdateExpression: "SET #v = :next, #ttl = :ttl ADD #p :added",
  ConditionExpression: c.version === 0 ? "attribute_not_exists(pk)" : "#v = :v",
  ExpressionAttributeNames: { "#v": "version", "#p": "positions", "#ttl": "ttl" },
  ExpressionAttributeValues: {
    ":next": c.version + 1,
    ":ttl": ttl,
    ":added": new Set(c.added),
    ...(c.version === 0 ? {} : { ":v": c.version }),
  },
});

const shardFor = (seed: string) => createHash("sha256").update(seed).digest().readUInt8(0) % FEEDBACK_SHARDS;

/**
 * Deliveries counted per batch (the feedback function's SQS batches): each chunk's counted positions
 * are read in one BatchGetItem, and the new ones written, with one `delivered` ADD per edition, in
 * one transaction conditioned on the versions read. A chunk another batch wrote first is read again
 * and only what is still new is counted. So a delivery costs a share of a chunk item's write, not a
 * mark item of its own.
 *
 * @example
 * const counted = await dynamoDeliveryCounts(db, "herald").count(slots, new Date()); // Map edition → new deliveries
 */
export function dynamoDeliveryCounts(db: DynamoDBDocumentClient, table: string): DeliveryCounts {
  const read = async (slots: DeliverySlot[]) => {
    const unique = new Map(slots.map((s) => [slotKey(s), slotsKey(s.editionId, s.chunk)]));
    const items = await batchGetAll(db, table, [...unique.values()]);
    const stored = new Map<string, CountedPositions>();
    for (const item of items) {
      const editionId = String(item.pk).slice(PK.edition.length);
      const chunk = String(item.sk).slice("DLV#".length);
      const positions = (item.positions as Set<number> | undefined) ?? new Set<number>();
      stored.set(slotKey({ editionId, chunk }), { positions, version: Number(item.version ?? 0) });
    }
    return stored;
  };

  return {
    async count(slots, now) {
      const counted = new Map<string, number>();
      const ttl = Math.floor(now.getTime() / 1000) + SLOTS_DAYS * 86400;
      let left = slots;
      for (let round = 0; left.length > 0; round++) {
        if (round === MAX_ROUNDS) throw new Error("delivery counts kept losing races");
        const plan = newDeliveries(left, await read(left));
        const lost: DeliverySlot[] = [];
        for (const editionId of plan.perEdition.keys()) {
          const chunks = plan.chunks.filter((c) => c.editionId === editionId);
          // One counter update per edition and transaction, and chunk items for the rest of its room.
          for (let from = 0; from < chunks.length; from += TRANSACTION_ITEMS - 1) {
            const part = chunks.slice(from, from + TRANSACTION_ITEMS - 1);
            const added = part.reduce((sum, c) => sum + c.added.length, 0);
            const out = await conditionally(
              writeTransaction(db, {
                TransactItems: [
                  ...part.map((c) => ({ Update: slotsUpdate(table, c, ttl) })),
                  {
                    Update: {
                      TableName: table,
                      Key: keys.editionFeedback(editionId, shardFor(slotKey(part[0] as ChunkDeliveries))),
                      UpdateExpression: "ADD delivered :n",
                      ExpressionAttributeValues: { ":n": added },
                    },
                  },
                ],
              }),
            );
            if (out.written) counted.set(editionId, (counted.get(editionId) ?? 0) + added);
            else {
              const keysLost = new Set(part.map(slotKey));
              lost.push(...left.filter((s) => keysLost.has(slotKey(s))));
            }
          }
        }
        left = lost;
      }
      return counted;
    },
  };
}
