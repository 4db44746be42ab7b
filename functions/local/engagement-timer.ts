import { SWEEP_EVERY_MINUTES } from "../domain/social/engagement.js";
import type { Ports } from "../flows/ports.js";
import { repeatAfterEach } from "../flows/repeat-timer.js";
import { sweepEngagement } from "../flows/sweep-engagement.js";

/**
 * The local stand-in for the engagement schedule: a sweep every 15 minutes after the previous one
 * ends (sweeps never overlap). Returns the function that stops it.
 *
 * @example
 * const stop = startEngagementTimer(ports, { adapters, engagement });
 */
export function startEngagementTimer(
  ports: Ports,
  social: Parameters<typeof sweepEngagement>[1],
): () => void {
  return repeatAfterEach(() => sweepEngagement(ports, social), ports.log, {
    intervalMs: SWEEP_EVERY_MINUTES * 60_000,
    failure: "engagement sweep failed",
  });
}
