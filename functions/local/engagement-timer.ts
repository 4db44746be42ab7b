import { loggableError } from "../domain/redact.js";
import { SWEEP_EVERY_MINUTES } from "../domain/social/engagement.js";
import type { Ports } from "../flows/ports.js";
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
  const intervalMs = SWEEP_EVERY_MINUTES * 60_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(run, intervalMs);
    timer.unref();
  };
  const run = async () => {
    try {
      await sweepEngagement(ports, social);
    } catch (error) {
      ports.log.error("engagement sweep failed", { error: loggableError(error) });
    }
    schedule();
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
