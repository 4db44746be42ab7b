import { keys } from "./keys.js";

/**
 * Adds `sent` to this minute's counter for an edition, in one of its send-counter shards (the chunk's):
 * the console's send-rate chart reads these minute items, never the chunks.
 *
 * @example
 * TransactItems: [chunkUpdate, sendRateUpdate(table, editionId, 48, sendShardOf(chunkKey), now)]
 */
export function sendRateUpdate(table: string, editionId: string, sent: number, shard: number, now: Date) {
  const minute = now.toISOString().slice(0, 16);
  return {
    Update: {
      TableName: table,
      Key: keys.sendRate(editionId, minute, shard),
      UpdateExpression: "ADD sent :s",
      ExpressionAttributeValues: { ":s": sent },
    },
  };
}
