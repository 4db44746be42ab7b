import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { dynamoChunkRepo } from "../../../../functions/adapters/dynamo/chunk-repo.js";
import type { ChunkRecord } from "../../../../functions/flows/ports.js";

// DynamoDB Local never reports TransactionConflict, so this is the one place the client is faked:
// it answers the way DynamoDB does when two transactions touch the edition item at the same moment.
const cancelled = (...codes: string[]) =>
  Object.assign(new Error("Transaction cancelled"), {
    name: "TransactionCanceledException",
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

function clientFailing(...errors: Error[]) {
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

const chunk: ChunkRecord = {
  editionId: "ed_x",
  key: "00i00#000000",
  recipients: ["a"],
  outcomes: {},
  inflight: ["a"],
  lastKey: "a",
  done: false,
  version: 1,
};
const tally = { sent: 1, failed: 0, skipped: 0, unknown: 0, cancelled: 0 };

describe("recording a chunk", () => {
  it("writes again after a transaction conflict instead of calling the chunk changed", async () => {
    const { db, calls } = clientFailing(
      cancelled("None", "TransactionConflict"),
      cancelled("TransactionConflict", "None"),
    );
    const ok = await dynamoChunkRepo(db, "t").record(
      chunk,
      { a: { kind: "sent", messageId: "m" } },
      true,
      tally,
    );
    expect(ok).toBe(true);
    // Three tries of the transaction, then the send-rate counter (kept outside it).
    expect(calls).toHaveLength(4);
  });

  it("reports a changed chunk (its version condition failed) without retrying", async () => {
    const { db, calls } = clientFailing(cancelled("ConditionalCheckFailed", "None"));
    const ok = await dynamoChunkRepo(db, "t").record(chunk, {}, false, tally);
    expect(ok).toBe(false);
    expect(calls).toHaveLength(1);
  });
});
