import { HeraldError } from "../domain/errors.js";
import type { Subscriber } from "../domain/subscriber.js";
import type { Ports } from "./ports.js";

const ATTEMPTS = 10;

/**
 * Read-modify-write of one subscriber with optimistic concurrency: `change` gets the record as stored
 * and returns the next one (or `undefined` to leave it); a concurrent write makes it read and try
 * again after a jittered pause (writers that collided do not collide again in step). Resolves to the
 * record as written, `undefined` when there was none or nothing to change; after `ATTEMPTS` lost
 * races it is refused as a conflict (409, try again), never a server error.
 *
 * @example
 * await changeSubscriber(ports, id, (s) => ({ ...s, cadence: "daily" }));
 */
export async function changeSubscriber(
  ports: Pick<Ports, "subscribers" | "now">,
  id: string,
  change: (current: Subscriber) => Subscriber | undefined,
): Promise<Subscriber | undefined> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * 5 * 2 ** attempt));
    const current = await ports.subscribers.get(id);
    if (!current) return undefined;
    const next = change(current);
    if (!next) return undefined;
    const stamped = { ...next, updatedAt: later(ports.now().toISOString(), current.updatedAt) };
    if (await ports.subscribers.save(stamped, current)) return stamped;
  }
  throw new HeraldError("conflict", "the subscription changed while saving; please try again");
}

/** `updatedAt` is the version the next write conditions on: it must change on every write. */
function later(now: string, previous: string): string {
  return now > previous ? now : new Date(Date.parse(previous) + 1).toISOString();
}
