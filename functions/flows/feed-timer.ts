import { type FeedPorts, pollFeeds } from "./poll-feeds.js";
import type { FeedFetcher } from "./ports.js";
import { repeatAfterEach } from "./repeat-timer.js";

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
  return repeatAfterEach(() => pollFeeds(ports, fetcher), ports.log, {
    intervalMs,
    firstDelayMs: Math.min(firstDelayMs, intervalMs),
    failure: "feed poll run failed",
  });
}
