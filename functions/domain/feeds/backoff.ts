const MINUTE = 60_000;

/**
 * How long a feed rests after `failures` failed polls in a row: 2^failures minutes, at most an hour
 * (2, 4, 8, 16, 32, 60, 60 … minutes), so a broken feed costs a request an hour, not one a poll.
 *
 * @example
 * feedBackoffMs(1); // 120000
 * feedBackoffMs(9); // 3600000
 */
export function feedBackoffMs(failures: number): number {
  return Math.min(2 ** Math.max(0, failures) * MINUTE, 60 * MINUTE);
}
