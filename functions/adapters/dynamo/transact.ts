import { isConditionFailure, isTransactionConflict, keys } from "./keys.js";

/**
 * Runs a conditional transaction: `false` when a condition failed, written again after a jittered
 * moment when another chunk's write held the edition item (`TransactionConflict`).
 */
export async function withConflictRetry(write: () => Promise<unknown>): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return true;
    } catch (error) {
      if (isTransactionConflict(error) && attempt < 8) {
        await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
        continue;
      }
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

/** Adds `sent` to this minute's counter: the send-rate chart reads these, never the chunks. */
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
