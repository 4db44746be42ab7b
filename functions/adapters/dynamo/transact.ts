import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
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

const isConflict = (error: unknown) => (error as { name?: string }).name === "TransactionConflictException";

/** Adds `chunk` to its edition's in-flight set if the edition is `sending`; `false` when it is not. */
export async function listInflight(
  db: DynamoDBDocumentClient,
  table: string,
  editionId: string,
  chunk: string,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.edition(editionId),
          UpdateExpression: "ADD inflightChunks :k",
          ConditionExpression: "#s = :sending",
          ExpressionAttributeNames: { "#s": "status" },
          ExpressionAttributeValues: { ":k": new Set([chunk]), ":sending": "sending" },
        }),
      );
      return true;
    } catch (error) {
      // A chunk's record transaction held the edition item this moment: try again shortly.
      if (isConflict(error) && attempt < 8) {
        await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
        continue;
      }
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

/** Takes `chunk` off its edition's in-flight set (a claim that lost to another attempt). */
export async function unlistInflight(
  db: DynamoDBDocumentClient,
  table: string,
  editionId: string,
  chunk: string,
) {
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: keys.edition(editionId),
      UpdateExpression: "DELETE inflightChunks :k",
      ExpressionAttributeValues: { ":k": new Set([chunk]) },
    }),
  );
}
