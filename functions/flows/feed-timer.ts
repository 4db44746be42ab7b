import { loggableError } from "../domain/redact.js";
import { type FeedPorts, pollFeeds } from "./poll-feeds.js";
import type { FeedFetcher } from "./ports.js";

/**
 * The local stand-in for the feed schedule: polls soon after start, then every `intervalMs` after the
 * previous poll ends (so polls never overlap). Returns the function that stops it.
 *
 * @example
 * const stop = startFeedTimer(ports, httpFeedFetcher(), { intervalMs: 5 * 60_000 });
 */
export function startFeedTimer(
  ports: FeedPorts,
  fetcher: FeedFetcher,
  { intervalMs, firstDelayMs = 2_000 }: { intervalMs: number; firstDelayMs?: number },
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(run, delay);
    timer.unref();
  };
  const run = async () => {
    try {
      await pollFeeds(ports, fetcher);
    } catch (error) {
      ports.log.error("feed poll run failed", { error: loggableError(error) });
    }
    schedule(intervalMs);
  };
  schedule(Math.min(firstDelayMs, intervalMs));
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
