import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { ChunkRecord } from "../../functions/flows/ports.js";

/**
 * DynamoDB Local never cancels a transaction for a conflict or throttling, so these tests fake the
 * client, and only for that: `cancelled` is what DynamoDB throws, with one reason per item.
 */
export const cancelled = (...codes: string[]) =>
  Object.assign(new Error("Transaction cancelled"), {
    name: "TransactionCanceledException",
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

/** A client that throws `errors` one per call, then succeeds; `calls` records every command. */
export function clientFailing(...errors: Error[]) {
  const calls: unknown[] = [];
  const db = {
    send: async (command: unknown) => {
      calls.push(command);
      const error = errors.shift();
      if (error) throw error;
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, calls };
}

/** A one-recipient chunk in flight, and the tally of its recording. */
export const chunk: ChunkRecord = {
  editionId: "ed_x",
  key: "00i00#000000",
  recipients: ["a"],
  outcomes: {},
  inflight: ["a"],
  lastKey: "a",
  done: false,
  version: 1,
};
export const tally = { sent: 1, failed: 0, skipped: 0, unknown: 0, cancelled: 0 };
