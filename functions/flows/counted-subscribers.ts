import type { Logger } from "@aws-lambda-powertools/logger";
import { audienceDeltas, suppressionDeltas, type UnsubscribeWay } from "../domain/audience-series.js";
import type { Subscriber } from "../domain/subscriber.js";
import { dayOf, statsChange } from "../domain/subscriber-stats.js";
import type { AudienceCounters, SubscriberRepo, SubscriberStatsRepo } from "./ports.js";

interface Counting {
  stats: SubscriberStatsRepo;
  /** The audience series by day, topic and cadence (`domain/audience-series.ts`). */
  audience: AudienceCounters;
  log: Logger;
  now: () => Date;
}

/**
 * The subscriber repository with its counters kept: after every write that succeeded, the counters
 * move by what changed (status, topics, cadence; sign-up, confirmation, unsubscribe). Every flow
 * writes through the repository, so none of them has to remember the counters.
 *
 * The counters are updated after the write, not in its transaction: a hot counter item in every
 * sign-up's transaction would make concurrent sign-ups cancel each other. A failed counter update is
 * logged and the request goes on; the counters are then off by that one change (see the docs).
 *
 * @example
 * const subscribers = countedSubscribers(dynamoSubscriberRepo(db, table, 8), { stats, log, now });
 */
export function countedSubscribers(repo: SubscriberRepo, counting: Counting): SubscriberRepo {
  const count = async (
    previous: Subscriber | undefined,
    next: Subscriber | undefined,
    way?: UnsubscribeWay,
  ) => {
    try {
      const day = dayOf(counting.now());
      await Promise.all([
        counting.stats.apply(statsChange(previous, next, day)),
        counting.audience.add(day, audienceDeltas(previous, next, way)),
      ]);
    } catch (error) {
      counting.log.error("subscriber counters not updated", { error: (error as Error).name });
    }
  };
  return {
    ...repo,
    async insert(s) {
      const ok = await repo.insert(s);
      if (ok) await count(undefined, s);
      return ok;
    },
    async save(next, previous) {
      const ok = await repo.save(next, previous);
      if (ok) await count(previous, next);
      return ok;
    },
    async leave(id, at, way) {
      // The write takes no version, so the counters move from what was read just before it.
      const previous = await repo.get(id);
      const ok = await repo.leave(id, at, way);
      if (ok && previous) await count(previous, { ...previous, status: "unsubscribed", updatedAt: at }, way);
      return ok;
    },
    async erase(previous) {
      const ok = await repo.erase(previous);
      if (ok) await count(previous, undefined);
      return ok;
    },
  };
}

/**
 * Counts a bounce or a complaint that suppressed a subscriber: one line where feedback is applied.
 *
 * @example
 * const suppressed = await suppress(ports, id, "bounce");
 * if (suppressed) await countGrowth(ports, "bounces", suppressed);
 */
export async function countGrowth(
  ports: {
    subscriberStats: SubscriberStatsRepo;
    audienceCounters: AudienceCounters;
    now: () => Date;
    log: Logger;
  },
  event: "bounces" | "complaints",
  subscriber: Subscriber,
) {
  try {
    const day = dayOf(ports.now());
    await Promise.all([
      ports.subscriberStats.apply({ day, totals: {}, growth: { [event]: 1 } }),
      ports.audienceCounters.add(day, suppressionDeltas(subscriber, event)),
    ]);
  } catch (error) {
    ports.log.error("subscriber counters not updated", { error: (error as Error).name });
  }
}
