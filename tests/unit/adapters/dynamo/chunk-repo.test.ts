import { describe, expect, it } from "vitest";
import { dynamoChunkRepo } from "../../../../functions/adapters/dynamo/chunk-repo.js";
import { cancelled, chunk, clientFailing, tally } from "../../../helpers/dynamo-faults.js";

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
    // Three tries of the transaction, which carries the send-rate counter too.
    expect(calls).toHaveLength(3);
  });

  it("reports a changed chunk (its version condition failed) without retrying", async () => {
    const { db, calls } = clientFailing(cancelled("ConditionalCheckFailed", "None"));
    const ok = await dynamoChunkRepo(db, "t").record(chunk, {}, false, tally);
    expect(ok).toBe(false);
    expect(calls).toHaveLength(1);
  });
});
