import * as z from "zod";
import type { Subscriber } from "./subscriber.js";

export const GROWTH_EVENTS = ["signups", "confirmations", "unsubscribes", "bounces", "complaints"] as const;
export type GrowthEvent = (typeof GROWTH_EVENTS)[number];

export const GrowthDay = z.object({
  day: z.string(),
  signups: z.number(),
  confirmations: z.number(),
  unsubscribes: z.number(),
  bounces: z.number(),
  complaints: z.number(),
});

/**
 * The subscriber overview: records by status; active subscribers by topic and by cadence; and what
 * happened each day.
 */
export const SubscriberStats = z.object({
  totals: z.object({
    byStatus: z.record(z.string(), z.number()),
    byTopic: z.record(z.string(), z.number()),
    byCadence: z.record(z.string(), z.number()),
  }),
  growth: z.array(GrowthDay),
});
export type SubscriberStats = z.infer<typeof SubscriberStats>;

/** Counter deltas for one write: `status:active`, `topic:world`, `cadence:daily`, and growth events. */
export interface StatsChange {
  /** YYYY-MM-DD (UTC) the growth events belong to. */
  day: string;
  totals: Record<string, number>;
  growth: Partial<Record<GrowthEvent, number>>;
}

function counted(s: Subscriber | undefined): string[] {
  if (!s) return [];
  const status = [`status:${s.status}`];
  if (s.status !== "active") return status;
  return [...status, `cadence:${s.cadence}`, ...s.topics.map((t) => `topic:${t}`)];
}

/** Which growth events a write from `previous` to `next` is (either may be absent: insert, erasure). */
export function growthOf(previous: Subscriber | undefined, next: Subscriber | undefined): GrowthEvent[] {
  const was = previous?.status;
  const is = next?.status;
  if (is === was) return [];
  if (is === "pending") return ["signups"];
  if (is === "active" && was === "pending") return ["confirmations"];
  if (is === "unsubscribed" && (was === "active" || was === "pending")) return ["unsubscribes"];
  return [];
}

/**
 * The counter deltas of one subscriber write: what `previous` counted goes down, what `next`
 * counts goes up, and a change of status may be a sign-up, a confirmation or an unsubscribe.
 * Bounces and complaints are counted where the feedback is applied, not here: a status alone does
 * not say why an address was suppressed.
 *
 * @example
 * statsChange(pending, { ...pending, status: "active" }, "2026-12-06");
 * // { day, totals: { "status:pending": -1, "status:active": 1, "cadence:instant": 1, "topic:world": 1 },
 * //   growth: { confirmations: 1 } }
 */
export function statsChange(
  previous: Subscriber | undefined,
  next: Subscriber | undefined,
  day: string,
): StatsChange {
  const totals: Record<string, number> = {};
  for (const k of counted(previous)) totals[k] = (totals[k] ?? 0) - 1;
  for (const k of counted(next)) totals[k] = (totals[k] ?? 0) + 1;
  for (const [k, v] of Object.entries(totals)) if (v === 0) delete totals[k];
  const growth = Object.fromEntries(growthOf(previous, next).map((e) => [e, 1]));
  return { day, totals, growth };
}

/** The UTC day of an instant, as growth is kept. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** The `count` days up to and including `today`, oldest first. */
export function lastDays(today: Date, count: number): string[] {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Array.from({ length: count }, (_, i) => dayOf(new Date(end - (count - 1 - i) * 86_400_000)));
}
