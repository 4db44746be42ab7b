import { Recipient, type Subscriber } from "../../../functions/domain/subscriber.js";
import type { SubscriberRepo } from "../../../functions/flows/ports.js";

/** The store behind the repository (id → subscriber), for a test to arrange and read back. */
export interface MemorySubscriberRepo extends SubscriberRepo {
  stored: Map<string, Subscriber>;
}

/**
 * Subscribers in a Map, with the conditions of `adapters/dynamo/subscriber-repo.ts`: `insert` only
 * for a new id, and every other write only if `updatedAt` is still the one that was read.
 */
export function memorySubscriberRepo(now: () => Date): MemorySubscriberRepo {
  const stored = new Map<string, Subscriber>();
  const marks = new Set<string>();
  const copy = (s: Subscriber): Subscriber => structuredClone(s);
  const unchanged = (previous: Subscriber) => stored.get(previous.id)?.updatedAt === previous.updatedAt;
  return {
    stored,
    async get(id) {
      const s = stored.get(id);
      return s && copy(s);
    },
    async getMany(ids) {
      return new Map(ids.flatMap((id) => (stored.has(id) ? [[id, copy(stored.get(id) as Subscriber)]] : [])));
    },
    async recipients(ids) {
      return new Map(ids.flatMap((id) => (stored.has(id) ? [[id, Recipient.parse(stored.get(id))]] : [])));
    },
    async insert(subscriber) {
      if (stored.has(subscriber.id)) return false;
      stored.set(subscriber.id, copy(subscriber));
      return true;
    },
    async save(next, previous) {
      if (!unchanged(previous)) return false;
      stored.set(next.id, copy(next));
      return true;
    },
    async leave(id, at) {
      // Like the adapter's status-only write: no `updatedAt` condition, so no save can make it fail.
      const s = stored.get(id);
      if (!s || (s.status !== "active" && s.status !== "pending")) return false;
      stored.set(id, {
        ...s,
        status: "unsubscribed",
        unsubscribedAt: at,
        updatedAt: at,
        expiresAt: undefined,
      });
      return true;
    },
    async erase(previous) {
      if (!unchanged(previous)) return false;
      return stored.delete(previous.id);
    },
    async countSoftBounce(previous, mark) {
      if (marks.has(mark)) return "duplicate";
      if (!unchanged(previous)) return "changed";
      marks.add(mark);
      // `updatedAt` is the version: it must move forward even within one millisecond.
      const at = now().toISOString();
      const updatedAt =
        at > previous.updatedAt ? at : new Date(Date.parse(previous.updatedAt) + 1).toISOString();
      stored.set(previous.id, { ...copy(previous), softBounces: (previous.softBounces ?? 0) + 1, updatedAt });
      return "counted";
    },
    async *all() {
      if (stored.size) yield [...stored.values()].map(copy);
    },
  };
}
