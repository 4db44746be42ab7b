import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { httpFeedFetcher } from "../../functions/adapters/feeds/http-fetcher.js";
import type { FeedSource } from "../../functions/domain/cms/sources.js";
import { feedArticleId } from "../../functions/domain/feeds/candidate.js";
import { pollFeed } from "../../functions/flows/poll-feeds.js";
import type { Ports } from "../../functions/flows/ports.js";
import { type FeedServer, startFeedServer } from "../fixtures/feeds/feed-server.js";
import { adminHeaders, csv } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { clearEmails, countByRecipient, sentEmails } from "../helpers/ses-store.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), "utf8");
const RSS = fixture("rss-newsroom.xml");
const ATOM = fixture("atom-newsroom.xml");

/** The RSS fixture with `items` inserted at the top of the channel, as a CMS adds new posts. */
const rssWith = (...items: string[]) =>
  RSS.replace("<!-- A WordPress item", `${items.join("\n")}\n<!-- A WordPress item`);
const rssItem = (guid: string, title: string, category = "Politik") => `
  <item><title>${title}</title><link>https://tagesbote.example/${guid}</link><guid isPermaLink="false">${guid}</guid>
  <category>${category}</category><pubDate>Sun, 16 Feb 2025 07:00:00 GMT</pubDate>
  <description><![CDATA[<p>Teaser for ${title}.</p>]]></description></item>`;

let server: FeedServer;
let herald: TestHerald;
let clock = new Date();
/** Set to make the next `markSeen` fail: a poller that dies between publishing and recording. */
let failNextMarkSeen = false;
const fetcher = httpFeedFetcher({ timeoutMs: 2_000 });

let news: FeedSource;
let tech: FeedSource;

beforeAll(async () => {
  server = await startFeedServer();
  news = {
    url: `${server.base}/news.xml`,
    topicMap: { Politik: "politics", Kultur: "culture" },
    defaultTopic: "world",
  };
  tech = { url: `${server.base}/tech.atom`, topicMap: {} };
  herald = await startHerald(
    { sources: { feeds: [news, tech], pollMinutes: 0, topicMap: { Wirtschaft: "business" } } },
    {
      now: () => clock,
      wrapPorts: (ports: Ports) => ({
        ...ports,
        feeds: {
          ...ports.feeds,
          async markSeen(url, guids) {
            if (failNextMarkSeen) {
              failNextMarkSeen = false;
              throw new Error("the poller died before recording the guid");
            }
            return ports.feeds.markSeen(url, guids);
          },
        },
      }),
    },
  );
  const res = await herald.app.request("/v1/subscribers/import", {
    method: "POST",
    headers: { ...adminHeaders(), "content-type": "text/csv" },
    body: csv([
      ["ana@example.org", "Ana", "politics"],
      ["ben@example.org", "Ben", "technology"],
      ["cleo@example.org", "Cleo", "culture|world"],
    ]),
  });
  expect(await res.json()).toMatchObject({ imported: 3 });
});

afterAll(async () => {
  await herald.stop();
  await server.stop();
});

beforeEach(() => clearEmails(herald.sesEndpoint));

async function editions() {
  const res = await herald.app.request("/v1/editions?limit=100", { headers: adminHeaders() });
  return ((await res.json()) as { editions: Array<{ id: string; articleId: string; title: string }> })
    .editions;
}

async function emailsAfterSettling() {
  await herald.settled();
  return Object.fromEntries(countByRecipient(await sentEmails(herald.sesEndpoint)));
}

describe("polling an RSS feed", () => {
  it("records what the first poll finds and sends nothing", async () => {
    server.routes.set("/news.xml", { body: RSS });

    const report = await pollFeed(herald.ports, fetcher, news);

    // 3 usable items + 2 unusable ones with guids, the duplicate guid counted once.
    expect(report).toMatchObject({ outcome: "primed", recorded: 5, published: [] });
    expect(await editions()).toEqual([]);
    expect(await emailsAfterSettling()).toEqual({});
  });

  it("publishes a new item once, through the webhook's path: one edition, one email per subscriber", async () => {
    server.routes.set("/news.xml", { body: rssWith(rssItem("etat-2025", "Bundestag beschließt Etat")) });

    const first = await pollFeed(herald.ports, fetcher, news);
    const again = await pollFeed(herald.ports, fetcher, news);

    expect(first.outcome).toBe("polled");
    expect(first.published).toEqual([{ guid: "etat-2025", editionId: expect.any(String), duplicate: false }]);
    expect(again).toMatchObject({ outcome: "polled", published: [] });
    expect(await emailsAfterSettling()).toEqual({ "ana@example.org": 1 });
    const [email] = await sentEmails(herald.sesEndpoint);
    expect(email?.subject).toBe("Bundestag beschließt Etat");
    expect(await editions()).toEqual([
      expect.objectContaining({ articleId: feedArticleId("etat-2025"), title: "Bundestag beschließt Etat" }),
    ]);
  });

  it("does not resend an edited item (same guid, new title, new content)", async () => {
    const edited = rssItem("etat-2025", "Bundestag beschließt Etat – mit Änderungen").replace(
      "Teaser",
      "New teaser",
    );
    server.routes.set("/news.xml", { body: rssWith(edited) });

    const report = await pollFeed(herald.ports, fetcher, news);

    expect(report).toMatchObject({ outcome: "polled", published: [] });
    expect(await emailsAfterSettling()).toEqual({});
    expect(await editions()).toHaveLength(1);
  });

  it("a poll that dies after publishing and before recording sends nothing twice, even if the item is edited meanwhile", async () => {
    server.routes.set("/news.xml", { body: rssWith(rssItem("kultur-77", "Museum öffnet", "Kultur")) });
    failNextMarkSeen = true;

    const died = await pollFeed(herald.ports, fetcher, news);
    server.routes.set("/news.xml", { body: rssWith(rssItem("kultur-77", "Museum öffnet wieder", "Kultur")) });
    clock = new Date(clock.getTime() + 2 * 60_000 + 1_000); // past the backoff of one failure
    const retried = await pollFeed(herald.ports, fetcher, news);

    expect(died).toMatchObject({ outcome: "failed", error: "the poller died before recording the guid" });
    expect(retried.published).toEqual([
      { guid: "kultur-77", editionId: expect.any(String), duplicate: true },
    ]);
    expect(await emailsAfterSettling()).toEqual({ "cleo@example.org": 1 });
    expect((await editions()).filter((e) => e.articleId === feedArticleId("kultur-77"))).toHaveLength(1);
  });
});

describe("conditional GET", () => {
  it("sends the stored ETag and Last-Modified, and a 304 publishes nothing", async () => {
    const lastModified = "Sat, 15 Feb 2025 12:00:00 GMT";
    server.routes.set("/tech.atom", {
      body: ATOM,
      etag: '"v1"',
      lastModified,
      contentType: "application/atom+xml",
    });

    const primed = await pollFeed(herald.ports, fetcher, tech);
    const unchanged = await pollFeed(herald.ports, fetcher, tech);

    expect(primed.outcome).toBe("primed");
    expect(unchanged.outcome).toBe("not-modified");
    const [firstRequest, secondRequest] = server.requestsFor("/tech.atom");
    expect(firstRequest?.headers["if-none-match"]).toBeUndefined();
    expect(secondRequest).toMatchObject({
      answered: 304,
      headers: { "if-none-match": '"v1"', "if-modified-since": lastModified },
    });
    expect(await emailsAfterSettling()).toEqual({});
  });

  it("reads the feed again when it changed, and publishes what is new", async () => {
    const entry = `<entry><title>Robots at the port</title><link href="robots"/><id>tag:robots</id>
      <updated>2025-02-16T08:00:00Z</updated><category term="technology"/></entry>`;
    server.routes.set("/tech.atom", {
      body: ATOM.replace("<!-- HTML title", `${entry}\n<!-- HTML title`),
      etag: '"v2"',
      contentType: "application/atom+xml",
    });

    const report = await pollFeed(herald.ports, fetcher, tech);

    expect(server.requestsFor("/tech.atom").at(-1)).toMatchObject({
      answered: 200,
      headers: { "if-none-match": '"v1"' },
    });
    expect(report.published).toHaveLength(1);
    expect(await emailsAfterSettling()).toEqual({ "ben@example.org": 1 });
  });
});
