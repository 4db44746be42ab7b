import * as z from "zod";
import { UNSUBSCRIBE_WAYS } from "../audience-series.js";
import { TrackingMode } from "./mode.js";

/*
 * The stats' response shapes, for the OpenAPI contract and the types. Kept apart from the code that
 * builds them: the API bundle carries no schema it does not validate with (it is near its 300 KB).
 */

const n = z.number().int();

export const LinkStats = z.object({
  url: z.string(),
  humanUnique: n,
  humanTotal: n,
  machineTotal: n,
});

export const TimelineRow = z.object({
  /** UTC minute for 48 hours after sending, then UTC hour. */
  bucket: z.string(),
  sent: n,
  delivered: n,
  bounced: n,
  complained: n,
  unsubscribed: n,
  clicksHuman: n,
  clicksMachine: n,
  opensHuman: n,
  opensMachine: n,
});

/** What an edition's or briefing's readers did with it; human figures first, machines beside them. */
export const EngagementStats = z.object({
  id: z.string(),
  /** With `off`, `clicks` and `opens` are null. */
  tracking: TrackingMode,
  counts: z.record(z.string(), z.number()),
  clicks: z.object({ humanRecipients: n, humanTotal: n, machineTotal: n }).nullable(),
  /** An estimate: privacy proxies fetch the pixel unread (`machineOnlyRecipients`). */
  opens: z
    .object({ humanRecipients: n, machineOnlyRecipients: n, humanTotal: n, machineTotal: n })
    .nullable(),
  /** Unsubscribes through this email's own links (or its one-click header), by way. */
  unsubscribes: z.object({ total: n, byWay: z.record(z.enum(UNSUBSCRIBE_WAYS), n) }),
  links: z.array(LinkStats),
  timeline: z.array(TimelineRow),
});
export type EngagementStats = z.infer<typeof EngagementStats>;

export const AudienceDay = z.object({
  day: z.string(),
  signups: z.number(),
  confirmations: z.number(),
  unsubscribes: z.number(),
  unsubscribesByWay: z.record(z.enum(UNSUBSCRIBE_WAYS), z.number()),
  bounces: z.number(),
  complaints: z.number(),
  /** Change in active subscribers of the scope that day. */
  net: z.number(),
});
export type AudienceDay = z.infer<typeof AudienceDay>;

export const AudienceSeries = z.object({
  from: z.string(),
  to: z.string(),
  /** `*` for the whole list, else `topic:<name>` or `cadence:<instant|daily>`. */
  scope: z.string(),
  days: z.array(AudienceDay),
});
