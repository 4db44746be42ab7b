import type { Subscriber } from "../domain/subscriber.js";
import type { Ports } from "./ports.js";

/**
 * Read-modify-write of one subscriber with optimistic concurrency: `change` gets the record as stored
 * and returns the next one (or `undefined` to leave it); a concurrent write makes it read and try
 * again. Resolves to the record as written, `undefined` when there was none or nothing to change.
 *
 * @example
 * await changeSubscriber(ports, id, (s) => ({ ...s, cadence: "daily" }));
 */
export async function changeSubscriber(
  ports: Pick<Ports, "subscribers" | "now">,
  id: string,
  change: (current: Subscriber) => Subscriber | undefined,
): Promise<Subscriber | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await ports.subscribers.get(id);
    if (!current) return undefined;
    const next = change(current);
    if (!next) return undefined;
    const stamped = { ...next, updatedAt: later(ports.now().toISOString(), current.updatedAt) };
    if (await ports.subscribers.save(stamped, current)) return stamped;
  }
  throw new Error("the subscriber kept changing; giving up after 5 attempts");
}

/** `updatedAt` is the version the next write conditions on: it must change on every write. */
function later(now: string, previous: string): string {
  return now > previous ? now : new Date(Date.parse(previous) + 1).toISOString();
}
