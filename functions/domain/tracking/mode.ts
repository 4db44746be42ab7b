import * as z from "zod";

/**
 * What Herald tracks in its emails (`HERALD_TRACKING`): nothing, link clicks, or clicks and the
 * open pixel. Clicks are the default: a click is something a reader did, while an open pixel fires
 * for privacy proxies whether anyone read the email or not, and some newsrooms must not use one.
 */
export const TrackingMode = z.enum(["off", "clicks", "opens,clicks"]);
export type TrackingMode = z.infer<typeof TrackingMode>;

export const DEFAULT_TRACKING: TrackingMode = "clicks";

/**
 * Reads `HERALD_TRACKING`, tolerant of spacing and order (`clicks, opens` is `opens,clicks`).
 *
 * @example
 * trackingModeOf(" clicks ,opens"); // "opens,clicks"
 * trackingModeOf(undefined); // "clicks"
 */
export function trackingModeOf(raw: string | undefined): TrackingMode {
  if (raw === undefined || raw.trim() === "") return DEFAULT_TRACKING;
  const parts = raw
    .split(",")
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)
    .sort();
  const mode = TrackingMode.safeParse(parts.reverse().join(","));
  if (!mode.success)
    throw new Error(`HERALD_TRACKING must be off, clicks or opens,clicks (got ${JSON.stringify(raw)})`);
  return mode.data;
}

export const tracksClicks = (mode: TrackingMode) => mode !== "off";
export const tracksOpens = (mode: TrackingMode) => mode === "opens,clicks";
