import type { Subscriber } from "./subscriber.js";
import { growthOf } from "./subscriber-stats.js";
import type { AudienceDay } from "./tracking/engagement-stats-schema.js";

/**
 * How a reader left: the List-Unsubscribe one-click header (their mail app's button), the footer
 * link (the page behind it), the preference center, a complaint, or anything else (an admin).
 */
export const UNSUBSCRIBE_WAYS = ["one-click", "footer", "preferences", "complaint", "admin"] as const;
export type UnsubscribeWay = (typeof UNSUBSCRIBE_WAYS)[number];

/** The scopes a subscriber is counted in: everyone (`*`), each topic, their cadence. */
function scopes(s: Subscriber): string[] {
  return ["*", ...s.topics.map((t) => `topic:${t}`), `cadence:${s.cadence}`];
}

function add(into: Record<string, number>, event: string, s: Subscriber, by: number) {
  for (const scope of scopes(s)) into[`${event}|${scope}`] = (into[`${event}|${scope}`] ?? 0) + by;
}

/**
 * The audience counter moves of one subscriber write, as `<event>|<scope>` fields: sign-ups and
 * confirmations in the scopes of the new record, unsubscribes (and `unsubscribes.<way>`) in those
 * of the old one, and `net`: the change in active subscribers of each scope, which is exactly what
 * the list grew or shrank by.
 *
 * @example
 * audienceDeltas(active, { ...active, status: "unsubscribed" }, "footer");
 * // { "unsubscribes|*": 1, "unsubscribes.footer|*": 1, "net|*": -1, "net|topic:world": -1, … }
 */
export function audienceDeltas(
  previous: Subscriber | undefined,
  next: Subscriber | undefined,
  way: UnsubscribeWay = "admin",
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const event of growthOf(previous, next)) {
    if (event === "unsubscribes" && previous) {
      add(out, "unsubscribes", previous, 1);
      add(out, `unsubscribes.${way}`, previous, 1);
    } else if (next) add(out, event, next, 1);
  }
  if (previous?.status === "active") add(out, "net", previous, -1);
  if (next?.status === "active") add(out, "net", next, 1);
  for (const [k, v] of Object.entries(out)) if (v === 0) delete out[k];
  return out;
}

/** A bounce or complaint that suppressed `s`, in its scopes. */
export function suppressionDeltas(s: Subscriber, event: "bounces" | "complaints"): Record<string, number> {
  const out: Record<string, number> = {};
  add(out, event, s, 1);
  return out;
}

/**
 * One day's row in a scope (`*`, `topic:world`, `cadence:daily`) from its summed counter fields.
 *
 * @example
 * audienceDay("2026-12-06", { "signups|*": 3 }, "*").signups; // 3
 */
export function audienceDay(day: string, fields: Record<string, number>, scope: string): AudienceDay {
  const get = (event: string) => fields[`${event}|${scope}`] ?? 0;
  return {
    day,
    signups: get("signups"),
    confirmations: get("confirmations"),
    unsubscribes: get("unsubscribes"),
    unsubscribesByWay: Object.fromEntries(
      UNSUBSCRIBE_WAYS.map((w) => [w, get(`unsubscribes.${w}`)]),
    ) as AudienceDay["unsubscribesByWay"],
    bounces: get("bounces"),
    complaints: get("complaints"),
    net: get("net"),
  };
}
