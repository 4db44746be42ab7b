import { describe, expect, it } from "vitest";
import { dynamoEngagementMarks } from "../../functions/adapters/dynamo/engagement-marks.js";
import { emptyMark } from "../../functions/domain/tracking/engagement-mark.js";
import type { MarkWrite } from "../../functions/flows/ports.js";
import { ownTable } from "../helpers/own-table.js";

const { table, db } = ownTable("marks");
let batch = 0;

/** `n` first marks of distinct readers of one edition, as a batch of the recorder writes them. */
function writes(n: number): MarkWrite[] {
  const target = `ed_marks${String(++batch).padStart(14, "0")}`;
  return Array.from({ length: n }, (_, i) => ({
    recipient: `r${i}`,
    target,
    mark: { ...emptyMark(), openH: 1, seen: [`e${i}`] },
    version: 0,
    expiresAt: 1_900_000_000,
  }));
}

describe("engagement marks on DynamoDB Local", () => {
  it("writes a batch of 250 over three transactions and reads every mark back", async () => {
    // Prepare
    const marks = dynamoEngagementMarks(db, table);
    const batch = writes(250);
    // Act
    const outcome = await marks.putMarks(batch);
    // Assess
    expect(outcome).toEqual({ refused: new Set() });
    const stored = await marks.getMarks(batch);
    expect(stored.map((s) => s?.version)).toEqual(batch.map(() => 1));
    expect(stored[249]?.mark.seen).toEqual(["e249"]);
  });

  it("answers the marks another writer came before as refused and writes the rest of their transaction", async () => {
    // Prepare: another batch wrote readers 7 and 150 first.
    const marks = dynamoEngagementMarks(db, table);
    const batch = writes(250);
    await marks.putMarks([batch[7], batch[150]] as MarkWrite[]);
    // Act
    const outcome = await marks.putMarks(batch);
    // Assess
    expect(outcome).toEqual({ refused: new Set([7, 150]) });
    const stored = await marks.getMarks(batch);
    expect(stored.filter((s) => s?.version === 1)).toHaveLength(250);
  });

  it("names every mark of a transaction the store rejects as failed, and still writes the other transactions", async () => {
    // Prepare: one mark of the second hundred is over DynamoDB's 400 KB item limit.
    const marks = dynamoEngagementMarks(db, table);
    const batch = writes(250);
    const big = batch[120] as MarkWrite;
    big.mark = { ...big.mark, seen: Array.from({ length: 5000 }, (_, i) => `${"x".repeat(90)}${i}`) };
    // Act
    const outcome = await marks.putMarks(batch);
    // Assess
    expect(outcome.refused).toEqual(new Set());
    expect([...(outcome.failed?.indexes ?? [])].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 100 }, (_, i) => 100 + i),
    );
    expect(String(outcome.failed?.error)).toMatch(/size/i);
    const stored = await marks.getMarks(batch);
    expect(stored.map((s, i) => [i, s !== undefined]).filter(([, written]) => !written)).toEqual(
      Array.from({ length: 100 }, (_, i) => [100 + i, false]),
    );
  });
});
