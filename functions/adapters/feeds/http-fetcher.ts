import type { FeedFetcher, FeedRequest, FeedResponse } from "../../flows/ports.js";
import { FeedFetchError } from "../errors.js";
import { readCapped } from "../http/read-capped.js";
import { decodeFeed } from "./feed-charset.js";

export interface HttpFeedFetcherOptions {
  /** The whole request, body included. */
  timeoutMs?: number;
  /** A feed is a few hundred KB at most; a bigger body is an error rather than memory spent. */
  maxBytes?: number;
  userAgent?: string;
}

/**
 * Fetches feeds over the global `fetch` with a conditional GET (`If-None-Match`, `If-Modified-Since`),
 * following redirects, with a timeout and a size cap. 304 is "not modified"; any other non-2xx status,
 * a network error or a timeout throws, and the poller backs off.
 *
 * @example
 * const fetcher = httpFeedFetcher({ timeoutMs: 5000 });
 * const res = await fetcher.fetch({ url: "https://news.example/feed", etag: '"abc"' });
 * if (res.status === "ok") parseFeed(res.body, …);
 */
export function httpFeedFetcher(options: HttpFeedFetcherOptions = {}): FeedFetcher {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const userAgent = options.userAgent ?? "Herald/0.1 (newsletter feed poller)";
  return {
    async fetch(request: FeedRequest): Promise<FeedResponse> {
      const headers: Record<string, string> = {
        accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1",
        "user-agent": userAgent,
      };
      if (request.etag) headers["if-none-match"] = request.etag;
      if (request.lastModified) headers["if-modified-since"] = request.lastModified;
      const signal = AbortSignal.timeout(timeoutMs);
      let res: Response;
      try {
        res = await fetch(request.url, { headers, redirect: "follow", signal });
      } catch (error) {
        if ((error as Error).name === "TimeoutError")
          throw new FeedFetchError(`no answer within ${timeoutMs} ms`, { cause: error });
        // undici says only "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND, a bad port…).
        const cause = (
          error as { cause?: { code?: string; message?: string; errors?: Array<{ code?: string }> } }
        ).cause;
        const why = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (error as Error).message;
        throw new FeedFetchError(`request failed (${why})`, { cause: error });
      }
      if (res.status === 304) {
        await res.body?.cancel();
        return { status: "not-modified" };
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new FeedFetchError(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`);
      }
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(
          res,
          maxBytes,
          () => new FeedFetchError(`the feed is larger than ${maxBytes} bytes`),
        );
      } catch (error) {
        if (error instanceof FeedFetchError) throw error;
        throw new FeedFetchError(
          signal.aborted ? `no whole answer within ${timeoutMs} ms` : "the body was cut off",
          { cause: error },
        );
      }
      return {
        status: "ok",
        body: decodeFeed(bytes, res.headers.get("content-type")),
        etag: res.headers.get("etag") ?? undefined,
        lastModified: res.headers.get("last-modified") ?? undefined,
      };
    },
  };
}
