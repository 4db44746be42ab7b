/**
 * Keeps one worker's sends within its share of the SES quota (recipients per second). SES does not
 * queue over-rate requests, it refuses them: pacing before the call is cheaper than a throttle and a
 * retry. Each `take(n)` books n recipients on a schedule and waits for their slot, so concurrent
 * chunks of one invocation go out one after another at the rate.
 *
 * @example
 * const pacer = ratePacer(7);      // 7 recipients per second
 * await pacer.take(50);            // the first call goes at once; the next waits about 7 s
 */
export interface Pacer {
  take(recipients: number): Promise<void>;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export function ratePacer(recipientsPerSecond: number, clock: Clock = realClock): Pacer {
  if (!(recipientsPerSecond > 0))
    throw new RangeError(`a send rate must be positive, got ${recipientsPerSecond}`);
  let nextFree = Number.NEGATIVE_INFINITY;
  return {
    async take(recipients) {
      const now = clock.now();
      const start = Math.max(now, nextFree);
      nextFree = start + (recipients / recipientsPerSecond) * 1000;
      if (start > now) await clock.sleep(start - now);
    },
  };
}

/** No pacing: local runs and tests, where the stand-in has no quota. */
export const unpaced: Pacer = { take: async () => undefined };
