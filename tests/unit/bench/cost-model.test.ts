import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PRICES, type Prices } from "../../bench/aws-prices.js";
import { idleCost, lambdaSeconds, type SendUsage, sendCost } from "../../bench/cost-model.js";

/** Round prices, so every expected figure below can be checked by hand. */
const ROUND: Prices = {
  ...PRICES,
  lambdaPerGbSecond: 0.00001,
  lambdaPerRequest: 0.000001,
  dynamoPerReadUnit: 0.0000001,
  dynamoPerWriteUnit: 0.000001,
  sqsPerRequest: 0.000001,
  snsPerPublish: 0.000001,
  metricPerMonth: 0.73,
};

const usage: SendUsage = {
  recipients: 10_000,
  sesCalls: 200,
  readUnits: 10_000,
  writeUnits: 4_000,
  sqsRequests: 100,
  functions: [{ name: "send", memoryMb: 2048, invocations: 20, seconds: 50, cpuSeconds: 10 }],
  feedback: {
    eventsPerRecipient: 1,
    snsPublishesPerEvent: 1,
    sqsRequestsPerEvent: 0,
    invocationsPerEvent: 1,
    perEvent: { memoryMb: 1024, seconds: 0.01, cpuSeconds: 0, readUnits: 0, writeUnits: 2 },
  },
  editionMetrics: { metrics: 10, hours: 2 },
};

describe("the cost of a send", () => {
  it("stretches CPU time by the share of a vCPU a memory size buys, and not above one vCPU", () => {
    expect(lambdaSeconds({ seconds: 2, cpuSeconds: 1, memoryMb: 1769 / 2 })).toBeCloseTo(3);
    expect(lambdaSeconds({ seconds: 2, cpuSeconds: 1, memoryMb: 3538 })).toBeCloseTo(2);
  });

  it("prices each line as the model says", () => {
    const { lines, total } = sendCost(usage, ROUND);
    const dollars = lines.map((l) => l.dollars);
    // Lambda: 20 requests + 50 s × 2 GB; DynamoDB: 10,000 reads + 4,000 writes; SQS: 100 requests.
    expect(dollars[0]).toBeCloseTo(20 * 0.000001 + 100 * 0.00001, 10);
    expect(dollars[1]).toBeCloseTo(10_000 * 0.0000001 + 4_000 * 0.000001, 10);
    expect(dollars[2]).toBeCloseTo(100 * 0.000001, 10);
    // 10,000 events: a publish, an invocation, 0.01 s × 1 GB and 2 write units each.
    expect(dollars[3]).toBeCloseTo(10_000 * (0.000001 + 0.000001 + 0.01 * 0.00001 + 2 * 0.000001), 10);
    // 10 metrics × 2 hours at $0.73 a month of 730 hours.
    expect(dollars[4]).toBeCloseTo(0.02, 10);
    // Batched through SQS instead: a request per event and two per batch of 100, an invocation per batch.
    const batched = sendCost(
      {
        ...usage,
        feedback: {
          ...usage.feedback,
          snsPublishesPerEvent: 0,
          sqsRequestsPerEvent: 1.02,
          invocationsPerEvent: 0.01,
        },
      },
      ROUND,
    );
    expect(batched.lines[3]?.dollars).toBeCloseTo(
      10_000 * (1.02 * 0.000001 + 0.01 * 0.000001 + 0.01 * 0.00001 + 2 * 0.000001),
      10,
    );
    expect(total).toBeCloseTo(
      dollars.reduce((a, b) => a + b, 0),
      12,
    );
  });

  it("grows in proportion to what was counted", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (k) => {
        const scaled: SendUsage = {
          ...usage,
          recipients: usage.recipients * k,
          readUnits: usage.readUnits * k,
          writeUnits: usage.writeUnits * k,
          sqsRequests: usage.sqsRequests * k,
          functions: usage.functions.map((f) => ({
            ...f,
            invocations: f.invocations * k,
            seconds: f.seconds * k,
            cpuSeconds: f.cpuSeconds * k,
          })),
          editionMetrics: { ...usage.editionMetrics, metrics: usage.editionMetrics.metrics * k },
        };
        expect(sendCost(scaled, ROUND).total).toBeCloseTo(k * sendCost(usage, ROUND).total, 9);
      }),
    );
  });
});

describe("the idle stack", () => {
  it("adds up alarms, dashboard, SES event metrics, WAF, secrets, key, schedules, polls and storage at list prices", () => {
    const { lines, total } = idleCost(
      {
        alarms: 10,
        dashboards: 1,
        secrets: 2,
        kmsKeys: 1,
        webAcls: 1,
        wafRules: 3,
        eventSources: 0,
        sesMetrics: 7,
        scheduled: [],
        subscribers: 0,
      },
      PRICES,
    );
    expect(lines.map((l) => l.dollars)).toEqual(
      [1 + 3 + 7 * 0.3, 5 + 3, 0.8, 1, 0, 0, 0].map((d) => expect.closeTo(d, 9)),
    );
    expect(total).toBeCloseTo(15.9, 9);
  });
});
