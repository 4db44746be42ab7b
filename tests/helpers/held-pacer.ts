import type { Pacer } from "../../functions/flows/pacer.js";
import type { Ports } from "../../functions/flows/ports.js";

/**
 * A send pacer that the test, not a clock, moves: `hold(n)` lets the next `n` chunks take their slot
 * and keeps the rest waiting for theirs, as a low `HERALD_SEND_RATE_PER_WORKER` keeps them waiting
 * seconds; `release()` gives every waiting and later chunk its slot. A chunk waits for its slot
 * before it reads its recipients, claims its lease and reads the edition's status
 * (flows/send-chunk.ts), so an editor's
 * pause or cancel that answers while chunks are held is one they all see: no margin to race.
 *
 * @example
 * const pacer = heldPacer();
 * herald = await startHerald({}, { wrapPorts: pacer.wrap });
 * pacer.hold(1);                  // the first chunk goes, the others wait
 * // … pause the edition, then:
 * pacer.release();                // they take their slots, see "paused" and are parked
 */
export function heldPacer() {
  let free = Number.POSITIVE_INFINITY;
  let waiting: Array<() => void> = [];
  const pacer: Pacer = {
    async take() {
      if (free > 0) {
        free--;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
  };
  return {
    wrap: (ports: Ports): Ports => ({ ...ports, pacer }),
    /** From now on, `n` chunks take their slot at once; the ones after them wait for `release()`. */
    hold(n: number) {
      free = n;
    },
    /** Every waiting chunk, and every later one, takes its slot. */
    release() {
      free = Number.POSITIVE_INFINITY;
      const all = waiting;
      waiting = [];
      for (const go of all) go();
    },
    /** Chunks waiting for their slot now. */
    get held() {
      return waiting.length;
    },
  };
}
