import type { Hono } from "hono";
import * as z from "zod";
import { audienceDay, UNSUBSCRIBE_WAYS } from "../../domain/audience-series.js";
import { HeraldError } from "../../domain/errors.js";
import { dayOf, lastDays } from "../../domain/subscriber-stats.js";
import type { Ports, StatsReader } from "../../flows/ports.js";
import { csvResponse, wantsCsv } from "../csv/stats-csv.js";
import { parseOr400 } from "../validate.js";

/** The longest series one request may ask for. */
export const MAX_AUDIENCE_DAYS = 366;
const DEFAULT_DAYS = 30;

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "not a date");

export const AudienceQuery = z.object({
  from: Day.optional(),
  to: Day.optional(),
  topic: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(64)
    .optional(),
  cadence: z.enum(["instant", "daily"]).optional(),
  format: z.enum(["json", "csv"]).optional(),
});

/**
 * `GET /v1/stats/audience?from&to&topic` (admin, viewer may read): per UTC day, sign-ups,
 * confirmations, unsubscribes by way, bounces, complaints and net growth, for the list, a topic or
 * a cadence. Days without events are zeroes; read from day counters (eight Queries), never a Scan.
 */
export function audienceStatsRoutes(app: Hono, ports: Ports, stats: StatsReader) {
  app.get("/v1/stats/audience", async (c) => {
    const q = parseOr400(AudienceQuery, c.req.query(), "bad query");
    if (q.topic && q.cadence) {
      throw new HeraldError("invalid_request", "filter by topic or by cadence, not both", [
        { path: "cadence", message: "one filter at a time" },
      ]);
    }
    const to = q.to ?? dayOf(ports.now());
    const from = q.from ?? (lastDays(new Date(`${to}T00:00:00Z`), DEFAULT_DAYS)[0] as string);
    const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
    if (span < 1 || span > MAX_AUDIENCE_DAYS) {
      throw new HeraldError(
        "invalid_request",
        `from must be on or before to, at most ${MAX_AUDIENCE_DAYS} days`,
        [{ path: "from", message: "bad range" }],
      );
    }
    const scope = q.topic ? `topic:${q.topic}` : q.cadence ? `cadence:${q.cadence}` : "*";
    const counters = await stats.audience(from, to);
    const days = lastDays(new Date(`${to}T00:00:00Z`), span).map((day) =>
      audienceDay(day, counters.get(day) ?? {}, scope),
    );
    c.header("cache-control", "no-store");
    if (!wantsCsv(c)) return c.json({ from, to, scope, days });
    return csvResponse(
      c,
      `audience-${from}-${to}.csv`,
      [
        "day",
        "signups",
        "confirmations",
        "unsubscribes",
        ...UNSUBSCRIBE_WAYS.map((w) => `unsubscribes_${w}`),
        "bounces",
        "complaints",
        "net",
      ],
      days.map((d) => [
        d.day,
        d.signups,
        d.confirmations,
        d.unsubscribes,
        ...UNSUBSCRIBE_WAYS.map((w) => d.unsubscribesByWay[w]),
        d.bounces,
        d.complaints,
        d.net,
      ]),
    );
  });
}
