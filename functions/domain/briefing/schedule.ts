import * as z from "zod";

/** Whether `zone` is an IANA time zone name this runtime knows, e.g. "Europe/Berlin". */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** When the daily briefing goes out: an hour of the day in the newsroom's own time zone. */
export const BriefingSchedule = z.object({
  hour: z.number().int().min(0).max(23).default(7),
  /** An IANA zone name; daylight saving is the zone's business, not ours. */
  timeZone: z.string().default("UTC").refine(isTimeZone, "not an IANA time zone"),
});
export type BriefingSchedule = z.infer<typeof BriefingSchedule>;

/** The calendar date and hour at `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): { day: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}${parts.month}${parts.day}`, hour: Number(parts.hour) };
}

/**
 * A briefing per newsroom day: its id is the local date, so the schedule, a retried schedule and an
 * editor's "run now" on the same day all find the same briefing, and a second run sends nothing.
 *
 * @example
 * briefingId(new Date("2026-11-25T23:30:00Z"), "Europe/Berlin"); // "br_20261126"
 */
export function briefingId(at: Date, timeZone: string): string {
  return `br_${localTime(at, timeZone).day}`;
}

export const BriefingId = z.string().regex(/^br_\d{8}$/, "not a briefing id");

/** The local timer's question every minute: is it the hour, and has today's briefing not started? */
export function isDue(at: Date, schedule: BriefingSchedule, startedToday: boolean): boolean {
  return !startedToday && localTime(at, schedule.timeZone).hour >= schedule.hour;
}
