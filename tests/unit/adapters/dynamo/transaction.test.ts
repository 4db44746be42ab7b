import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { dynamoChunkRepo } from "../../../../functions/adapters/dynamo/chunk-repo.js";
import { dynamoSubscriberRepo } from "../../../../functions/adapters/dynamo/subscriber-repo.js";
import type { Subscriber } from "../../../../functions/domain/subscriber.js";
import { cancelled, chunk, clientFailing, tally } from "../../../helpers/dynamo-faults.js";

const record = (db: DynamoDBDocumentClient) =>
  dynamoChunkRepo(db, "t").record(chunk, { a: { kind: "sent", messageId: "m" } }, true, tally);

const subscriber: Subscriber = {
  id: "0123456789abcdef0123456789abcdef",
  email: "reader@example.org",
  status: "active",
  topics: ["world"],
  cadence: "instant",
  consent: { at: "2026-01-01T00:00:00.000Z", source: "import" },
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

describe("transaction cancellations are classified by their reasons", () => {
  it.each([
    ["a conflict", ["None", "TransactionConflict"]],
    ["throttling", ["ThrottlingError", "None"]],
    ["exceeded throughput", ["None", "ProvisionedThroughputExceeded"]],
  ])("a chunk's record is written again after %s, not reported as changed", async (_, codes) => {
    const { db, calls } = clientFailing(cancelled(...codes), cancelled(...codes));
    expect(await record(db)).toBe(true);
    // Two refused transactions, the third written (the send-rate counter is one of its items).
    expect(calls.map((c) => (c as object).constructor.name)).toEqual([
      "TransactWriteCommand",
      "TransactWriteCommand",
      "TransactWriteCommand",
    ]);
  });

  it("a chunk whose version condition failed is reported as changed at once", async () => {
    const { db, calls } = clientFailing(cancelled("ConditionalCheckFailed", "None"));
    expect(await record(db)).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it("a cancellation for a malformed item is an error, not a changed chunk", async () => {
    const { db } = clientFailing(cancelled("ValidationError", "None"));
    await expect(record(db)).rejects.toThrow("Transaction cancelled");
  });

  it("throttling that does not stop is thrown after the retries, never called a changed chunk", async () => {
    const { db, calls } = clientFailing(
      ...Array.from({ length: 8 }, () => cancelled("ThrottlingError", "None")),
    );
    await expect(record(db)).rejects.toThrow("Transaction cancelled");
    expect(calls).toHaveLength(8);
  });

  it("a subscriber's save is written again after a conflict, not reported as a concurrent change", async () => {
    const { db, calls } = clientFailing(cancelled("TransactionConflict", "None"));
    const repo = dynamoSubscriberRepo(db, "t", 4);
    expect(
      await repo.save({ ...subscriber, cadence: "daily", updatedAt: "2026-01-02T00:00:00.000Z" }, subscriber),
    ).toBe(true);
    expect(calls).toHaveLength(2);
  });
});
