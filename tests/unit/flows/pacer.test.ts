import { describe, expect, it } from "vitest";
import { type Clock, ratePacer } from "../../../functions/flows/pacer.js";

/** A clock that only moves when someone sleeps: the pacer's schedule, without real waiting. */
function fakeClock() {
  let now = 0;
  const slept: number[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
  return { clock, slept, elapsed: () => now };
}

describe("ratePacer", () => {
  it("lets the first chunk go at once and spaces the next ones at the rate", async () => {
    const { clock, slept, elapsed } = fakeClock();
    const pacer = ratePacer(10, clock);
    for (let i = 0; i < 4; i++) await pacer.take(50);
    expect(slept).toEqual([5000, 5000, 5000]);
    expect(elapsed()).toBe(15_000);
  });

  it("books concurrent takes one after another", async () => {
    let now = 0;
    const waits: number[] = [];
    const pacer = ratePacer(100, { now: () => now, sleep: async (ms) => void waits.push(ms) });
    await Promise.all([pacer.take(50), pacer.take(50), pacer.take(50)]);
    expect(waits).toEqual([500, 1000]);
    now = 5000; // long idle: no debt carried over
    await pacer.take(50);
    expect(waits).toHaveLength(2);
  });

  it("refuses a rate that is not positive", () => {
    expect(() => ratePacer(0)).toThrow(RangeError);
  });
});
