/** Feed polling: what is remembered between polls and how a feed is fetched. */

/** What the feed poller remembers about one feed between polls. */
export interface FeedState {
  url: string;
  etag?: string;
  lastModified?: string;
  /** The first successful poll only records what the feed holds; later polls publish what is new. */
  primed: boolean;
  /** Failed polls in a row; none is tried before `nextPollAt`. */
  failures: number;
  nextPollAt?: string;
  lastError?: string;
  lastPolledAt?: string;
  lastSuccessAt?: string;
}

export interface FeedStateRepo {
  get(url: string): Promise<FeedState | undefined>;
  save(state: FeedState): Promise<void>;
  /** The guids among `guids` that this feed has already shown. */
  seenAmong(url: string, guids: string[]): Promise<Set<string>>;
  markSeen(url: string, guids: string[]): Promise<void>;
  /** The version `articleId` was first published with: `version` the first time, the stored one after. */
  pinVersion(articleId: string, version: string): Promise<string>;
}

export interface FeedRequest {
  url: string;
  etag?: string;
  lastModified?: string;
}

export type FeedResponse =
  | { status: "not-modified" }
  | { status: "ok"; body: string; etag?: string; lastModified?: string };

/** A conditional GET of a feed; throws on network errors, timeouts and HTTP errors. */
export interface FeedFetcher {
  fetch(request: FeedRequest): Promise<FeedResponse>;
}
