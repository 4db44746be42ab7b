import { keys } from "./keys.js";

/**
 * Adds `sent` to this minute's counter for an edition: the console's send-rate chart reads these
 * minute items, never the chunks.
 *
 * @example
 * await db.send(new UpdateCommand(sendRateUpdate(table, editionId, 48).Update));
 */
export function sendRateUpdate(table: string, editionId: string, sent: number) {
  const minute = new Date().toISOString().slice(0, 16);
  return {
    Update: {
      TableName: table,
      Key: keys.sendRate(editionId, minute),
      UpdateExpression: "ADD sent :s",
      ExpressionAttributeValues: { ":s": sent },
    },
  };
}
