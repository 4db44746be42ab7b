import type { Cadence } from "../../functions/domain/subscriber.js";
import { subscriberId } from "../../functions/domain/subscriber.js";
import { mapConcurrent } from "../../functions/flows/concurrency.js";
import type { Ports } from "../../functions/flows/ports.js";

/** A deterministic pseudo-random source (mulberry32), so a failing fault-injection run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inserts `count` active subscribers `<prefix><i>@example.org` following `topics`, straight through the repository. */
export async function seedSubscribers(
  ports: Pick<Ports, "subscribers">,
  count: number,
  topics: string[] | ((i: number) => string[]),
  { prefix = "reader", cadence = "instant" as Cadence } = {},
) {
  const now = new Date().toISOString();
  const emails = Array.from({ length: count }, (_, i) => `${prefix}${i}@example.org`);
  await mapConcurrent(emails, 16, async (email) => {
    const i = emails.indexOf(email);
    await ports.subscribers.insert({
      id: subscriberId(email),
      email,
      status: "active",
      topics: typeof topics === "function" ? topics(i) : topics,
      cadence,
      consent: { at: now, source: "test" },
      createdAt: now,
      updatedAt: now,
    });
  });
  return emails;
}
