import { describe, expect, it } from "vitest";
import { quotaShare } from "../../bench/quota.js";

const stats = (perSecond: number[], seconds: number) => ({
  calls: 0,
  throttledCalls: 0,
  accepted: perSecond.reduce((a, b) => a + b, 0),
  uniqueRecipients: 0,
  duplicates: 0,
  firstAcceptedMs: 0,
  lastAcceptedMs: seconds * 1000,
  perSecond,
});

describe("the share of a quota a send used", () => {
  it("is what was accepted over what the quota allowed between the first and the last call", () => {
    expect(quotaShare(stats(Array(20).fill(200), 20), 200).share).toBeCloseTo(1);
    expect(quotaShare(stats(Array(20).fill(100), 20), 200).share).toBeCloseTo(0.5);
  });

  it("shows a send that kept the average but stalled for a while in its worst ten seconds", () => {
    const stalled = [...Array(10).fill(300), ...Array(10).fill(100), ...Array(10).fill(200), 50];
    expect(quotaShare(stats(stalled, 30), 200).worstWindowShare).toBeCloseTo(0.5);
  });
});
