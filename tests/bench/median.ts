/**
 * The middle of `xs` (the upper one of an even count), for the bench's "median of n" rows.
 *
 * @example
 * median([3, 1, 2]); // 2
 */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
