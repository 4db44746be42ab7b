/**
 * A sending quota as SES enforces it: `ratePerSecond` recipients a second, counted per recipient
 * (a SendBulkEmail of 50 entries takes 50), refilled continuously, holding at most one second's worth
 * (the burst SES tolerates is undocumented; one second is the conservative reading). It starts full.
 *
 * @example
 * const bucket = tokenBucket(200);      // 200 recipients/s
 * bucket.take(50, performance.now());   // true: sent; false: "Maximum sending rate exceeded"
 */
export function tokenBucket(ratePerSecond: number, capacity = Math.max(50, ratePerSecond)) {
  let tokens = capacity;
  let at: number | undefined;
  return {
    take(recipients: number, nowMs: number): boolean {
      if (at !== undefined) tokens = Math.min(capacity, tokens + ((nowMs - at) / 1000) * ratePerSecond);
      at = nowMs;
      if (tokens < recipients) return false;
      tokens -= recipients;
      return true;
    },
  };
}
