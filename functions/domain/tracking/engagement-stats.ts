import { UNSUBSCRIBE_WAYS } from "../audience-series.js";
import type { EngagementStats } from "./engagement-stats-schema.js";
import { type TrackingMode, tracksClicks, tracksOpens } from "./mode.js";
import { MINUTE_BUCKETS_HOURS } from "./time-bucket.js";

interface Counters {
  message: Record<string, number>;
  links: Array<{ url: string; counts: Record<string, number> }>;
  timeline: Array<{ bucket: string; counts: Record<string, number> }>;
}

/**
 * Minute buckets more than 48 hours after the first bucket (the send) folded into their hour: a
 * writer that does not know when the email was sent (an unsubscribe) writes minutes, and the
 * timeline still reads per minute for the first 48 hours, per hour after.
 */
function hourlyAfter48h(timeline: Counters["timeline"]): Counters["timeline"] {
  const first = timeline[0]?.bucket;
  if (first === undefined) return [];
  // Minute keys sort as their times do, so "48 hours after the first bucket" is one key to compare
  // with, not a date parsed per bucket (a month's timeline has thousands).
  const firstMs = Date.parse(`${first.length === 13 ? `${first}:00` : first}:00Z`);
  const hourly = new Date(firstMs + MINUTE_BUCKETS_HOURS * 3600_000).toISOString().slice(0, 16);
  const out = new Map<string, Record<string, number>>();
  const summed = new Set<string>();
  for (const { bucket, counts } of timeline) {
    const key = bucket.length === 16 && bucket >= hourly ? bucket.slice(0, 13) : bucket;
    const into = out.get(key);
    if (into === undefined) {
      out.set(key, counts); // the caller's object, only read: copied before anything is added to it
      continue;
    }
    const sum = summed.has(key) ? into : { ...into };
    for (const k in counts) sum[k] = (sum[k] ?? 0) + (counts[k] ?? 0);
    out.set(key, sum);
    summed.add(key);
  }
  return [...out.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) // ISO keys: code unit order is time order
    .map(([bucket, counts]) => ({ bucket, counts }));
}

/**
 * The stats view of an email's summed counters, links by human reach, timeline oldest first.
 *
 * @example
 * engagementStats("ed_…", "clicks", edition.counts, await ports.engagement.read("ed_…"));
 */
export function engagementStats(
  id: string,
  tracking: TrackingMode,
  counts: Record<string, number>,
  counters: Counters,
): EngagementStats {
  const m = (k: string) => counters.message[k] ?? 0;
  const links = counters.links
    .map(({ url, counts: c }) => ({
      url,
      humanUnique: c.humanUnique ?? 0,
      humanTotal: c.humanTotal ?? 0,
      machineTotal: c.machineTotal ?? 0,
    }))
    .sort(
      (a, b) => b.humanUnique - a.humanUnique || b.humanTotal - a.humanTotal || a.url.localeCompare(b.url),
    );
  const sum = (k: "humanTotal" | "machineTotal") => links.reduce((s, l) => s + l[k], 0);
  return {
    id,
    tracking,
    counts,
    clicks: tracksClicks(tracking)
      ? {
          humanRecipients: m("humanClickers"),
          humanTotal: sum("humanTotal"),
          machineTotal: sum("machineTotal"),
        }
      : null,
    opens: tracksOpens(tracking)
      ? {
          humanRecipients: m("humanOpeners"),
          machineOnlyRecipients: m("machineOnlyOpeners"),
          humanTotal: m("opensHuman"),
          machineTotal: m("opensMachine"),
        }
      : null,
    unsubscribes: {
      total: UNSUBSCRIBE_WAYS.reduce((s, w) => s + m(`unsubscribed.${w}`), 0),
      byWay: Object.fromEntries(UNSUBSCRIBE_WAYS.map((w) => [w, m(`unsubscribed.${w}`)])) as Record<
        (typeof UNSUBSCRIBE_WAYS)[number],
        number
      >,
    },
    links,
    timeline: hourlyAfter48h(counters.timeline).map(({ bucket, counts: c }) => ({
      bucket,
      sent: c.sent ?? 0,
      delivered: c.delivered ?? 0,
      bounced: c.bounced ?? 0,
      complained: c.complained ?? 0,
      unsubscribed: c.unsubscribed ?? 0,
      clicksHuman: c.clicksHuman ?? 0,
      clicksMachine: c.clicksMachine ?? 0,
      opensHuman: c.opensHuman ?? 0,
      opensMachine: c.opensMachine ?? 0,
    })),
  };
}
