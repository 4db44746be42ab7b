/** The timeline is kept per minute for this long after sending, then per hour. */
export const MINUTE_BUCKETS_HOURS = 48;

/**
 * The timeline bucket of an event: its UTC minute (`2026-12-06T03:55`) during the first 48 hours
 * after the email was sent, its UTC hour (`2026-12-06T03`) after that.
 *
 * @example
 * timeBucket(Date.parse("2026-12-06T03:55:12Z"), Date.parse("2026-12-06T03:50:00Z")); // "2026-12-06T03:55"
 */
export function timeBucket(atMs: number, sentAtMs: number): string {
  const iso = new Date(atMs).toISOString();
  return atMs - sentAtMs < MINUTE_BUCKETS_HOURS * 3600_000 ? iso.slice(0, 16) : iso.slice(0, 13);
}
