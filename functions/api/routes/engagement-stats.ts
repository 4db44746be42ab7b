import type { Context, Hono } from "hono";
import * as z from "zod";
import { BriefingId } from "../../domain/briefing/schedule.js";
import { EditionId } from "../../domain/edition.js";
import { NotFound } from "../../domain/errors.js";
import { engagementStats } from "../../domain/tracking/engagement-stats.js";
import type { EngagementStats } from "../../domain/tracking/engagement-stats-schema.js";
import type { Ports, StatsReader } from "../../flows/ports.js";
import { csvResponse, wantsCsv } from "../csv/stats-csv.js";
import { parseOr400 } from "../validate.js";

/** `?part=` of a CSV export: the link table (default) or the timeline. */
export const StatsCsvQuery = z.object({
  format: z.enum(["json", "csv"]).optional(),
  part: z.enum(["links", "timeline"]).optional(),
});

const TIMELINE_COLUMNS = [
  ["bucket", "bucket"],
  ["sent", "sent"],
  ["delivered", "delivered"],
  ["bounced", "bounced"],
  ["complained", "complained"],
  ["unsubscribed", "unsubscribed"],
  ["clicks_human", "clicksHuman"],
  ["clicks_machine", "clicksMachine"],
  ["opens_human", "opensHuman"],
  ["opens_machine", "opensMachine"],
] as const;

function answer(c: Context, stats: EngagementStats) {
  c.header("cache-control", "no-store");
  if (!wantsCsv(c)) return c.json(stats);
  const { part } = parseOr400(StatsCsvQuery, c.req.query(), "bad query");
  if (part === "timeline") {
    return csvResponse(
      c,
      `${stats.id}-timeline.csv`,
      TIMELINE_COLUMNS.map(([name]) => name),
      stats.timeline.map((t) => [t.bucket, ...TIMELINE_COLUMNS.slice(1).map(([, key]) => t[key])]),
    );
  }
  return csvResponse(
    c,
    `${stats.id}-links.csv`,
    ["url", "human_unique", "human_total", "machine_total"],
    stats.links.map((l) => [l.url, l.humanUnique, l.humanTotal, l.machineTotal]),
  );
}

/**
 * `GET /v1/editions/{id}/stats` and `GET /v1/briefings/{id}/stats` (admin, viewer may read): clicks
 * per link (unique human, total, machine), opens with the machine share, and the timeline; JSON, or
 * CSV with `?format=csv` or `Accept: text/csv`. Read from aggregated counters only.
 */
export function engagementStatsRoutes(app: Hono, ports: Ports, stats: StatsReader) {
  app.get("/v1/editions/:id/stats", async (c) => {
    const id = parseOr400(EditionId, c.req.param("id"), "not an edition id");
    // Together, not one after the other: a read of an id that names nothing finds no counters either.
    const [edition, counters] = await Promise.all([ports.editions.get(id), stats.engagement(id)]);
    if (!edition) throw new NotFound("no such edition");
    return answer(c, engagementStats(id, ports.config.tracking, edition.counts, counters));
  });
  app.get("/v1/briefings/:id/stats", async (c) => {
    const id = parseOr400(BriefingId, c.req.param("id"), "not a briefing id");
    const [briefing, counters] = await Promise.all([ports.briefings.get(id), stats.engagement(id)]);
    if (!briefing) throw new NotFound("no such briefing");
    return answer(c, engagementStats(id, ports.config.tracking, briefing.counts, counters));
  });
}
