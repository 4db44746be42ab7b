import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpFeedFetcher } from "../../functions/adapters/feeds/http-fetcher.js";
import type { FeedSource } from "../../functions/domain/cms/sources.js";
import { pollFeed, pollFeeds } from "../../functions/flows/poll-feeds.js";
import { closedPort, type FeedServer, startFeedServer } from "../fixtures/feeds/feed-server.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";

const RSS = readFileSync(new URL("../fixtures/feeds/rss-newsroom.xml", import.meta.url), "utf8");

let server: FeedServer;
let herald: TestHerald;
let clock = new Date();
const fetcher = httpFeedFetcher({ timeoutMs: 2_000 });

beforeAll(async () => {
  server = await startFeedServer();
  herald = await startHerald({}, { now: () => clock });
});

afterAll(async () => {
  await herald.stop();
  await server.stop();
});

describe("a broken feed", () => {
  it("is recorded with a growing backoff, skipped until then, and never stops a healthy feed in the same poll", async () => {
    const flaky: FeedSource = { url: `${server.base}/flaky.xml`, topicMap: {} };
    const healthy: FeedSource = { url: `${server.base}/healthy.xml`, topicMap: {} };
    const refused: FeedSource = { url: `http://127.0.0.1:${await closedPort()}/feed.xml`, topicMap: {} };
    const ports = {
      ...herald.ports,
      config: { ...herald.config, sources: { ...herald.config.sources, feeds: [flaky, refused, healthy] } },
    };
    server.routes.set("/flaky.xml", { status: 500, body: "upstream exploded", contentType: "text/plain" });
    server.routes.set("/healthy.xml", { body: RSS.replaceAll("tagesbote.example", "healthy.example") });
    const start = clock.getTime();
    const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();

    // 1: a 500 and a refused connection; the healthy feed is primed all the same.
    const first = await pollFeeds(ports, fetcher);
    // 2: a minute later both are still resting and are not even asked.
    clock = new Date(start + 60_000);
    const resting = await pollFeeds(ports, fetcher);
    // 3: after their two minutes the flaky feed answers invalid XML: a second failure, four minutes.
    clock = new Date(start + 2 * 60_000 + 1_000);
    server.routes.set("/flaky.xml", { body: "<rss><channel><item><title>cut off" });
    const invalid = await pollFeeds(ports, fetcher);
    const stateAfterInvalid = await herald.ports.feeds.get(flaky.url);
    // 4: healthy again: primed, failures cleared.
    clock = new Date(start + 7 * 60_000);
    server.routes.set("/flaky.xml", { body: RSS });
    const recovered = await pollFeeds(ports, fetcher);

    expect(first.map((r) => r.outcome)).toEqual(["failed", "failed", "primed"]);
    expect(first[0]).toMatchObject({ error: "HTTP 500 Internal Server Error", nextPollAt: at(2) });
    expect(first[1]?.error).toMatch(/^request failed \(ECONNREFUSED\)$/);
    expect(resting.map((r) => r.outcome)).toEqual(["waiting", "waiting", "polled"]);
    expect(server.requestsFor("/flaky.xml").map((r) => r.answered)).toEqual([500, 200, 200]);
    expect(invalid[0]).toMatchObject({
      outcome: "failed",
      error: expect.stringMatching(/^not well-formed XML/),
    });
    expect(invalid[0]?.nextPollAt).toBe(new Date(start + 2 * 60_000 + 1_000 + 4 * 60_000).toISOString());
    expect(stateAfterInvalid).toMatchObject({ failures: 2, primed: false });
    expect(recovered[0]?.outcome).toBe("primed");
    expect(await herald.ports.feeds.get(flaky.url)).toMatchObject({ failures: 0, primed: true });
    expect(await herald.ports.feeds.get(flaky.url)).not.toHaveProperty("lastError");
    // Priming the healthy feed (and the flaky one once it recovered) published nothing.
    expect((await herald.ports.editions.list(10)).editions).toEqual([]);
  });

  it("a feed that does not answer times out and is recorded like any other failure", async () => {
    const slow: FeedSource = { url: `${server.base}/slow.xml`, topicMap: {} };
    server.routes.set("/slow.xml", { hang: true });

    const report = await pollFeed(herald.ports, httpFeedFetcher({ timeoutMs: 200 }), slow);

    expect(report).toMatchObject({ outcome: "failed", error: "no answer within 200 ms" });
    expect(await herald.ports.feeds.get(slow.url)).toMatchObject({
      failures: 1,
      lastError: "no answer within 200 ms",
    });
  });
});
