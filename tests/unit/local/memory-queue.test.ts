import type { SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { MemoryQueue } from "../../../functions/local/memory-queue.js";

const bodies = (e: SQSEvent) => e.Records.map((r) => JSON.parse(r.body) as number);

describe("MemoryQueue (SQS semantics for local runs)", () => {
  it("delivers in batches of at most batchSize and deletes what succeeded", async () => {
    const q = new MemoryQueue<number>({ name: "t", batchSize: 3, concurrency: 1 });
    const batches: number[][] = [];
    q.start(async (e) => {
      batches.push(bodies(e));
      return { batchItemFailures: [] };
    });
    await q.send([1, 2, 3, 4, 5, 6, 7]);
    await q.idle();
    expect(batches.flat().sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(3);
    expect(q.depth).toBe(0);
  });

  it("says how many characters of bodies it holds until they are delivered", async () => {
    const q = new MemoryQueue<{ to: string[] }>({ name: "t" });
    await q.send([{ to: ["a", "b"] }, { to: [] }]);
    expect(q.bodyChars).toBe('{"to":["a","b"]}'.length + '{"to":[]}'.length);
    q.start(async () => ({ batchItemFailures: [] }));
    await q.idle();
    expect(q.bodyChars).toBe(0);
  });

  it("redelivers only the batchItemFailures, with a growing receive count", async () => {
    const q = new MemoryQueue<number>({ name: "t", visibilityTimeoutMs: 5 });
    const seen: Array<[number, string]> = [];
    q.start(async (e) => {
      for (const r of e.Records) seen.push([JSON.parse(r.body), r.attributes.ApproximateReceiveCount]);
      return {
        batchItemFailures: e.Records.filter(
          (r) => r.body === "2" && r.attributes.ApproximateReceiveCount === "1",
        ).map((r) => ({ itemIdentifier: r.messageId })),
      };
    });
    await q.send([1, 2, 3]);
    await q.idle();
    expect(seen.filter(([b]) => b === 2)).toEqual([
      [2, "1"],
      [2, "2"],
    ]);
    expect(seen.filter(([b]) => b !== 2)).toHaveLength(2);
  });

  it("brings a whole batch back when the invocation crashes", async () => {
    const q = new MemoryQueue<number>({ name: "t", visibilityTimeoutMs: 5 });
    let calls = 0;
    const delivered: number[] = [];
    q.start(async (e) => {
      if (calls++ === 0) throw new Error("crash");
      delivered.push(...bodies(e));
      return { batchItemFailures: [] };
    });
    await q.send([1, 2]);
    await q.idle();
    expect(delivered.sort()).toEqual([1, 2]);
  });

  it("moves a message to the dead letters after maxReceives", async () => {
    const q = new MemoryQueue<number>({ name: "t", visibilityTimeoutMs: 1, maxReceives: 3 });
    q.start(async (e) => ({ batchItemFailures: e.Records.map((r) => ({ itemIdentifier: r.messageId })) }));
    await q.send([9]);
    await q.idle();
    expect(q.deadLetters).toEqual([{ body: "9", receives: 3 }]);
  });

  it("holds a delayed message back while messages sent after it without delay go first", async () => {
    // Prepare
    const q = new MemoryQueue<number>({ name: "t", concurrency: 1, batchSize: 1 });
    const order: number[] = [];
    q.start(async (e) => {
      order.push(...bodies(e));
      return { batchItemFailures: [] };
    });

    // Act
    await q.send([1], { delaySeconds: 0.2 });
    await q.send([2]);
    await q.idle();

    // Assess
    expect(order).toEqual([2, 1]);
  });
});
