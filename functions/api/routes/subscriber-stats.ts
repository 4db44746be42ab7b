import type { Hono } from "hono";
import { SubscriberStatus } from "../../domain/subscriber.js";
import { lastDays, type SubscriberStats } from "../../domain/subscriber-stats.js";
import type { Ports } from "../../flows/ports.js";

/** Growth is shown for this many days, today included. */
export const GROWTH_DAYS = 90;

const withZeroes = (names: readonly string[], counts: Record<string, number>) => ({
  ...Object.fromEntries(names.map((n) => [n, 0])),
  ...counts,
});

/**
 * `GET /v1/subscribers/stats` (admin): totals and 90 days of growth, read from the maintained
 * counters (a few small items), never by scanning subscribers. Register it before
 * `/v1/subscribers/:email`, which would otherwise take "stats" for an address.
 */
export function subscriberStatsRoutes(app: Hono, ports: Ports) {
  app.get("/v1/subscribers/stats", async (c) => {
    const stats = await ports.subscriberStats.read(lastDays(ports.now(), GROWTH_DAYS));
    const body: SubscriberStats = {
      totals: {
        byStatus: withZeroes(SubscriberStatus.options, stats.totals.byStatus),
        byTopic: withZeroes(ports.config.topics, stats.totals.byTopic),
        byCadence: withZeroes(["instant", "daily"], stats.totals.byCadence),
      },
      growth: stats.growth,
    };
    c.header("cache-control", "no-store");
    return c.json(body);
  });
}
