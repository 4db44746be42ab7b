import type { FeedSource } from "../domain/cms/sources.js";
import { topicRules } from "../domain/cms/topic-map.js";
import { feedBackoffMs } from "../domain/feeds/backoff.js";
import { parseFeed, type SkippedItem } from "../domain/feeds/parse-feed.js";
import { loggableError } from "../domain/redact.js";
import { mapConcurrent } from "./concurrency.js";
import { FeedError } from "./errors.js";
import type { FeedFetcher, FeedState, Ports } from "./ports.js";
import { publish } from "./publish.js";

export type FeedPorts = Pick<
  Ports,
  "config" | "feeds" | "editions" | "editionQueue" | "scheduler" | "log" | "now"
>;

export interface FeedReport {
  url: string;
  /** `primed`: first poll, recorded only; `waiting`: backing off after failures, not fetched. */
  outcome: "primed" | "polled" | "not-modified" | "failed" | "waiting";
  /** Items new in this poll, each published once (`duplicate` when an edition already existed). */
  published: Array<{ guid: string; editionId: string; duplicate: boolean }>;
  /** Items recorded without publishing (the first poll). */
  recorded: number;
  /** New items that cannot be articles, with the reason. */
  skipped: SkippedItem[];
  /** How a feed that is not well-formed XML was read anyway (see `parseFeed`). */
  repairs?: string[];
  error?: string;
  nextPollAt?: string;
}

const report = (url: string, outcome: FeedReport["outcome"], more: Partial<FeedReport> = {}): FeedReport => ({
  url,
  outcome,
  published: [],
  recorded: 0,
  skipped: [],
  ...more,
});

async function pollOnce(ports: FeedPorts, fetcher: FeedFetcher, feed: FeedSource, state: FeedState) {
  const now = ports.now();
  const res = await fetcher.fetch({ url: feed.url, etag: state.etag, lastModified: state.lastModified });
  const healthy: FeedState = {
    ...state,
    failures: 0,
    nextPollAt: undefined,
    lastError: undefined,
    lastPolledAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
  };
  if (res.status === "not-modified") {
    await ports.feeds.save(healthy);
    return report(feed.url, "not-modified");
  }
  const { config } = ports;
  const parsed = parseFeed(res.body, {
    feedUrl: feed.url,
    topics: config.topics,
    rules: topicRules(config, feed),
    now,
  });
  if (!parsed.ok) throw new FeedError(parsed.error);
  const repairs = parsed.repairs.length > 0 ? { repairs: parsed.repairs } : {};
  if (parsed.repairs.length > 0)
    ports.log.warn("feed is not well-formed XML", { feed: feed.url, ...repairs });
  // Saved last: a poll that dies halfway leaves the old ETag, so the next one reads the whole feed again.
  const next: FeedState = { ...healthy, primed: true, etag: res.etag, lastModified: res.lastModified };
  const guids = [
    ...parsed.items.map((i) => i.guid),
    ...parsed.skipped.flatMap((s) => (s.guid ? [s.guid] : [])),
  ];

  if (!state.primed) {
    // A feed showing fifty old items the first time must not send fifty emails: remember, send nothing.
    await ports.feeds.markSeen(feed.url, guids);
    await ports.feeds.save(next);
    ports.log.info("feed primed", { feed: feed.url, items: guids.length });
    return report(feed.url, "primed", { recorded: guids.length, ...repairs });
  }

  const seen = await ports.feeds.seenAmong(feed.url, guids);
  const published: FeedReport["published"] = [];
  // Oldest first (feeds list newest first), so editions are created in publication order.
  for (const item of parsed.items.filter((i) => !seen.has(i.guid)).reverse()) {
    // The version a guid was first published with stays its version: an edit (new title, new
    // <updated>) never makes a second edition, even when this poll died before recording the guid.
    const version = await ports.feeds.pinVersion(item.article.id, item.article.version);
    const result = await publish(ports, { ...item.article, version }, { source: "feeds" });
    // Recorded after publishing: a crash in between republishes the same id + version, a duplicate.
    await ports.feeds.markSeen(feed.url, [item.guid]);
    published.push({ guid: item.guid, ...result });
    ports.log.info("feed item published", {
      feed: feed.url,
      articleId: item.article.id,
      ...result,
      notes: item.notes,
    });
  }
  const skipped = parsed.skipped.filter((s) => !s.guid || !seen.has(s.guid));
  if (skipped.length > 0) ports.log.warn("feed items skipped", { feed: feed.url, skipped });
  await ports.feeds.save(next);
  return report(feed.url, "polled", { published, skipped, ...repairs });
}

/**
 * Polls one feed unless it is backing off. Never throws: a network error, an HTTP error, a document
 * that is not a feed (or a failure of our own) is recorded on the feed with the next time to try.
 */
export async function pollFeed(
  ports: FeedPorts,
  fetcher: FeedFetcher,
  feed: FeedSource,
): Promise<FeedReport> {
  let state: FeedState = { url: feed.url, primed: false, failures: 0 };
  try {
    state = (await ports.feeds.get(feed.url)) ?? state;
    if (state.nextPollAt && Date.parse(state.nextPollAt) > ports.now().getTime()) {
      return report(feed.url, "waiting", { error: state.lastError, nextPollAt: state.nextPollAt });
    }
    return await pollOnce(ports, fetcher, feed, state);
  } catch (error) {
    const now = ports.now();
    const failures = state.failures + 1;
    const nextPollAt = new Date(now.getTime() + feedBackoffMs(failures)).toISOString();
    const { message } = loggableError(error);
    ports.log.warn("feed poll failed", { feed: feed.url, failures, nextPollAt, error: loggableError(error) });
    try {
      await ports.feeds.save({
        ...state,
        failures,
        nextPollAt,
        lastError: message,
        lastPolledAt: now.toISOString(),
      });
    } catch (saveError) {
      ports.log.error("feed failure not recorded", { feed: feed.url, error: loggableError(saveError) });
    }
    return report(feed.url, "failed", { error: message, nextPollAt });
  }
}

/**
 * Polls every configured feed, a few at a time; one broken feed never stops the others. This is what
 * the scheduled Lambda and the local timer run; tests call it directly.
 *
 * @example
 * const reports = await pollFeeds(ports, httpFeedFetcher());
 * reports.filter((r) => r.outcome === "failed"); // [{ url, error: "HTTP 500", nextPollAt, … }]
 */
export async function pollFeeds(
  ports: FeedPorts,
  fetcher: FeedFetcher,
  concurrency = 4,
): Promise<FeedReport[]> {
  const feeds = ports.config.sources.feeds;
  const reports = new Map<string, FeedReport>();
  await mapConcurrent(feeds, concurrency, async (feed) => {
    reports.set(feed.url, await pollFeed(ports, fetcher, feed));
  });
  return feeds.map((f) => reports.get(f.url) as FeedReport);
}
