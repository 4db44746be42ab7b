import { remainingRecipients, stalledSince } from "../domain/stall.js";
import type { SendProgress } from "../flows/ports.js";

/** The clock and threshold a view judges movement by. */
export interface StallClock {
  now: Date;
  stallSeconds: number;
}

/**
 * The status an editor sees (`stalled` over a stored `queued`/`rendering`/`sending` that has not
 * moved for the stall time), since when, and how many planned recipients have no outcome yet.
 *
 * @example
 * movementView(edition, { now: new Date(), stallSeconds: 300 });
 * // { status: "stalled", stalledSince: "2026-12-06T01:02:03.000Z", remaining: 17900 }
 */
export function movementView(p: SendProgress, clock?: StallClock) {
  const since = clock ? stalledSince(p, clock.now, clock.stallSeconds) : undefined;
  return {
    status: since ? ("stalled" as const) : p.status,
    ...(since ? { stalledSince: since } : {}),
    remaining: remainingRecipients(p.counts),
  };
}
