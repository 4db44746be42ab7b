import { loggableError } from "../domain/redact.js";
import type { Ports } from "../flows/ports.js";
import { sweepEngagement } from "../flows/sweep-engagement.js";

/** How often the engagement schedule runs on AWS, and so the local timer. */
export const ENGAGEMENT_SWEEP_MINUTES = 15;

/**
 * The local stand-in for the engagement schedule: a sweep every `intervalMs` after the previous one
 * ends (sweeps never overlap). Returns the function that stops it.
 *
 * @example
 * const stop = startEngagementTimer(ports, social, { intervalMs: 15 * 60_000 });
 */
export function startEngagementTimer(
  ports: Ports,
  social: Parameters<typeof sweepEngagement>[1],
  { intervalMs }: { intervalMs: number },
): () => void {
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
