import { describe, expect, it } from "vitest";
import { sendCapacity } from "../../infra/send-concurrency.js";

describe("sendCapacity", () => {
  it("derives one worker per 500 recipients/s of quota (10 chunks × 50 recipients per ~1 s batch)", () => {
    expect(sendCapacity(5_000).maxConcurrency).toBe(10);
    expect(sendCapacity(5_499).maxConcurrency).toBe(10); // rounds down: never above the quota
    expect(sendCapacity(20_000).recipientsPerInvocationPerSecond).toBe(500);
  });

  it("never goes below Lambda's minimum of 2 or above its maximum of 1000", () => {
    expect(sendCapacity(14).maxConcurrency).toBe(2);
    expect(sendCapacity(1).maxConcurrency).toBe(2);
    expect(sendCapacity(10_000_000).maxConcurrency).toBe(1000);
  });

  it("tells each worker its share of the quota, so the floor of 2 workers cannot outrun a small quota", () => {
    const small = sendCapacity(14);
    expect(small.perWorkerRate * small.maxConcurrency).toBeLessThanOrEqual(14);
    const large = sendCapacity(5_000);
    expect(large.perWorkerRate).toBe(500);
  });

  it("keeps fleet throughput at or below the quota whenever the quota allows 2 workers", () => {
    for (const rate of [1_000, 1_234, 7_777, 50_000, 499_999]) {
      const c = sendCapacity(rate);
      expect(c.maxConcurrency * c.recipientsPerInvocationPerSecond).toBeLessThanOrEqual(rate);
    }
  });

  it("follows the batch model when it changes", () => {
    expect(sendCapacity(5_000, { batchSize: 5 }).maxConcurrency).toBe(20);
    expect(sendCapacity(5_000, { secondsPerBatch: 2 }).maxConcurrency).toBe(20);
  });

  it("cuts the batch so a paced worker works it off in time at a small quota", () => {
    const small = sendCapacity(14); // 2 workers at 7 recipients/s each
    expect(small.batchSize).toBe(2);
    expect((small.batchSize * 50) / small.perWorkerRate).toBeLessThanOrEqual(20);
    expect(sendCapacity(100).batchSize).toBe(10);
    expect(sendCapacity(5_000).batchSize).toBe(10);
  });

  it("rejects a rate that is not a positive number", () => {
    expect(() => sendCapacity(0)).toThrow(RangeError);
    expect(() => sendCapacity(Number.NaN)).toThrow(RangeError);
  });
});
