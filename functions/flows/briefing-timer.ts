import { briefingId, isDue } from "../domain/briefing/schedule.js";
import { loggableError } from "../domain/redact.js";
import type { Ports } from "./ports.js";
import { startBriefing } from "./start-briefing.js";

/**
 * The local stand-in for the briefing schedule (EventBridge Scheduler on AWS): once a minute it asks
 * whether the configured hour has come in the newsroom's time zone and today's briefing has not
 * started, and starts it. A laptop that was asleep at the hour catches up when it wakes. Returns
 * the function that stops it.
 *
 * @example
 * const stop = startBriefingTimer(ports);
 */
export function startBriefingTimer(ports: Ports, { intervalMs = 60_000 } = {}): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const { briefing: schedule } = ports.config;
      const started = Boolean(await ports.briefings.get(briefingId(ports.now(), schedule.timeZone)));
      if (isDue(ports.now(), schedule, started)) await startBriefing(ports);
    } catch (error) {
      ports.log.error("briefing timer run failed", { error: loggableError(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
