import type { EngagementStats } from "./engagement-stats-schema.js";
import { type TrackingMode, tracksClicks, tracksOpens } from "./mode.js";

interface Counters {
  message: Record<string, number>;
  links: Array<{ url: string; counts: Record<string, number> }>;
  timeline: Array<{ bucket: string; counts: Record<string, number> }>;
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
    links,
    timeline: counters.timeline.map(({ bucket, counts: c }) => ({
      bucket,
      sent: c.sent ?? 0,
      delivered: c.delivered ?? 0,
      bounced: c.bounced ?? 0,
      complained: c.complained ?? 0,
      clicksHuman: c.clicksHuman ?? 0,
      clicksMachine: c.clicksMachine ?? 0,
      opensHuman: c.opensHuman ?? 0,
      opensMachine: c.opensMachine ?? 0,
    })),
  };
}
