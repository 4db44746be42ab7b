import type { Mailer } from "./ports.js";

/**
 * SES's sending quota as a bucket of recipients: `recipientsPerSecond` flow in, at most three
 * quarters of a second's worth are kept, and never less than one call's 50 (the last quarter is the
 * slack for a call that reaches SES a little later than planned, SES's own bucket holding a second's). `reserve(n, now)` books n recipients and says how long to wait before the call.
 * Bookings may run the bucket below zero: the calls after them wait their turn.
 *
 * @example
 * const bucket = quotaBucket(200);
 * bucket.reserve(50, 0);   // 0: sent at once
 * bucket.reserve(50, 0);   // … once the bucket is empty, each 50 waits another 250 ms
 */
export function quotaBucket(recipientsPerSecond: number) {
  if (!(recipientsPerSecond > 0))
    throw new RangeError(`a send rate must be positive, got ${recipientsPerSecond}`);
  // Never less than one SendBulkEmail's 50 destinations, which SES must be able to take at once.
  const capacity = Math.max(50, recipientsPerSecond * 0.75);
  // A thousandth under the quota: SES's bucket must never come up a hair short of the guard's.
  const rate = recipientsPerSecond * 0.999;
  let tokens = capacity;
  let at: number | undefined;
  return {
    reserve(recipients: number, nowMs: number): number {
      if (at !== undefined) tokens = Math.min(capacity, tokens + ((nowMs - at) / 1000) * rate);
      at = nowMs;
      const need = Math.min(recipients, capacity);
      const waitMs = tokens >= need ? 0 : ((need - tokens) / rate) * 1000;
      tokens -= recipients;
      return waitMs;
    },
  };
}

interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/**
 * Holds a worker's calls to SES within its share of the quota at the moment of the call. The pacer
 * books a chunk's slot before its claim, so a waiting chunk holds no lease; but the claim, the reads
 * and the render between that slot and the call take a varying time, and a chunk that took longer
 * reaches SES together with the next ones. Paced at exactly the quota, one call in five was refused
 * (`npm run bench -- quota`), each refusal costing its chunk a second and its slot. This waits, right
 * before the call, until it fits the bucket SES keeps; the wait is short (the pacer already keeps the
 * average), and it is inside the window in which a dying worker leaves its recipients `unknown`.
 *
 * @example
 * const mailer = quotaGuard(sesMailer(ses), 500); // at most 500 recipients/s reach SES
 */
export function quotaGuard(mailer: Mailer, recipientsPerSecond: number, clock: Clock = realClock): Mailer {
  const bucket = quotaBucket(recipientsPerSecond);
  const wait = async (recipients: number) => {
    const ms = bucket.reserve(recipients, clock.now());
    if (ms > 0) await clock.sleep(ms);
  };
  return {
    async sendBulk(message) {
      await wait(message.entries.length);
      return mailer.sendBulk(message);
    },
    async sendOne(message) {
      await wait(1);
      return mailer.sendOne(message);
    },
  };
}
