import { httpFeedFetcher } from "../adapters/feeds/http-fetcher.js";
import { pollFeeds } from "../flows/poll-feeds.js";
import { awsPorts, log } from "./aws-ports.js";

const fetcher = httpFeedFetcher();

/**
 * The feed schedule's Lambda (EventBridge, every few minutes): polls every configured feed. It never
 * fails for a broken feed (that feed backs off); the summary lands in the function's log.
 */
export const handler = async () => {
  const reports = await pollFeeds(await awsPorts([]), fetcher);
  const count = (outcome: string) => reports.filter((r) => r.outcome === outcome).length;
  const summary = {
    feeds: reports.length,
    published: reports.reduce((n, r) => n + r.published.filter((p) => !p.duplicate).length, 0),
    failed: count("failed"),
    waiting: count("waiting"),
  };
  log.info("feeds polled", summary);
  return summary;
};
