import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quotaBucket } from "../../../functions/flows/quota-guard.js";
import { tokenBucket } from "../../helpers/token-bucket.js";

/**
 * Calls reach the guard at the times their chunks got through their claim and reads (bunched, since
 * those take a varying time), and SES at the times the guard lets them go. SES's bucket is the null
 * SES's (tests/helpers/token-bucket.ts): a second's worth of recipients, refilled at the quota.
 */
const arrivals = fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 50 })), {
  minLength: 1,
  maxLength: 200,
});

function refusedBySes(rate: number, calls: Array<[number, number]>, guarded: boolean) {
  const guard = quotaBucket(rate);
  const ses = tokenBucket(rate);
  let t = 0;
  const sent: Array<[number, number]> = [];
  for (const [gap, n] of calls) {
    t += gap;
    sent.push([guarded ? t + guard.reserve(n, t) : t, n]);
  }
  return sent.sort((a, b) => a[0] - b[0]).filter(([at, n]) => !ses.take(n, at)).length;
}

describe("the quota guard", () => {
  it("lets no call reach SES over its quota, however the calls bunch", () => {
    fc.assert(
      fc.property(fc.constantFrom(14, 200, 500, 1000), arrivals, (rate, calls) => {
        expect(refusedBySes(rate, calls, true)).toBe(0);
      }),
    );
  });

  it("is needed: the same bunched calls unguarded are refused", () => {
    // Twenty chunks of 50 within 200 ms at a 200/s quota: SES takes the first four.
    const bunched: Array<[number, number]> = Array.from({ length: 20 }, () => [10, 50]);
    expect(refusedBySes(200, bunched, false)).toBe(16);
    expect(refusedBySes(200, bunched, true)).toBe(0);
  });

  it("keeps the quota's rate over time: a long send's calls wait only what the quota asks", () => {
    const guard = quotaBucket(200);
    let last = 0;
    for (let i = 0; i < 400; i++) last = guard.reserve(50, 0);
    // 400 × 50 = 20,000 recipients at 200/s: the last goes once all of them but the 150 kept at
    // the start have flowed in (at a thousandth under the quota), and not a moment later.
    expect(last).toBeCloseTo(((20_000 - 150) / (200 * 0.999)) * 1000, 6);
  });
});
