import { describe, expect, it } from "vitest";
import { sendCapacity } from "../../infra/send-concurrency.js";

describe("sendCapacity", () => {
  it("derives one worker per 1,000 recipients/s of quota (10 chunks × 100 recipients per ~1 s batch)", () => {
    expect(sendCapacity(10_000).maxConcurrency).toBe(10);
    expect(sendCapacity(10_999).maxConcurrency).toBe(10); // rounds down: never above the quota
    expect(sendCapacity(20_000).recipientsPerInvocationPerSecond).toBe(1_000);
  });

  it("never goes below Lambda's minimum of 2 or above its maximum of 1000", () => {
    expect(sendCapacity(14).maxConcurrency).toBe(2);
    expect(sendCapacity(1).maxConcurrency).toBe(2);
    expect(sendCapacity(10_000_000).maxConcurrency).toBe(1000);
  });

  it("tells each worker its share of the quota, so the floor of 2 workers cannot outrun a small quota", () => {
    const small = sendCapacity(14);
    expect(small.perWorkerRate * small.maxConcurrency).toBeLessThanOrEqual(14);
    const large = sendCapacity(10_000);
    expect(large.perWorkerRate).toBe(1_000);
  });

  it("keeps fleet throughput at or below the quota whenever the quota allows 2 workers", () => {
    for (const rate of [2_000, 2_345, 7_777, 50_000, 499_999]) {
      const c = sendCapacity(rate);
      expect(c.maxConcurrency * c.recipientsPerInvocationPerSecond).toBeLessThanOrEqual(rate);
    }
  });

  it("follows the batch model when it changes", () => {
    expect(sendCapacity(10_000, { batchSize: 5 }).maxConcurrency).toBe(20);
    expect(sendCapacity(10_000, { secondsPerBatch: 2 }).maxConcurrency).toBe(20);
    expect(sendCapacity(10_000, { chunkSize: 50 }).maxConcurrency).toBe(20);
  });

  it("cuts the batch so a paced worker works it off in time at a small quota", () => {
    const small = sendCapacity(14); // 2 workers at 7 recipients/s each
    expect(small.batchSize).toBe(1);
    expect((small.batchSize * small.chunkSize) / small.perWorkerRate).toBeLessThanOrEqual(20);
    expect(sendCapacity(100).batchSize).toBe(10);
    expect(sendCapacity(5_000).batchSize).toBe(10);
  });

  it("cuts chunks of 100, or of 50 where a worker's share could not send 100 within a paced batch", () => {
    expect(sendCapacity(14).chunkSize).toBe(100); // 7/s a worker: 100 in 14 s
    expect(sendCapacity(10).chunkSize).toBe(100); // 5/s: 20 s
    expect(sendCapacity(9).chunkSize).toBe(50); // 4/s: 100 would take 25 s
    expect(sendCapacity(1).chunkSize).toBe(50); // a sandbox
    expect(sendCapacity(9, { chunkSize: 100 }).chunkSize).toBe(100); // told, not chosen
  });

  it("rejects a rate that is not a positive number", () => {
    expect(() => sendCapacity(0)).toThrow(RangeError);
    expect(() => sendCapacity(Number.NaN)).toThrow(RangeError);
  });
});
