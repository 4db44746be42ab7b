import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { topicRules } from "../../../../functions/domain/cms/topic-map.js";
import { feedArticleId } from "../../../../functions/domain/feeds/candidate.js";
import { type FeedItem, parseFeed } from "../../../../functions/domain/feeds/parse-feed.js";

const TOPICS = ["world", "politics", "business", "technology", "culture"];
const NOW = new Date("2025-02-15T12:00:00Z");
const config = {
  topics: TOPICS,
  sources: { feeds: [], pollMinutes: 5, topicMap: { Wirtschaft: "business" } },
};
const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url), "utf8");

function parse(xml: string, feedUrl: string, topicMap: Record<string, string> = {}) {
  const rules = topicRules(config, { url: feedUrl, topicMap, defaultTopic: "world" });
  const feed = parseFeed(xml, { feedUrl, topics: TOPICS, rules, now: NOW });
  if (!feed.ok) throw new Error(feed.error);
  return feed;
}

const byGuid = (items: FeedItem[], guid: string) => {
  const item = items.find((i) => i.guid === guid);
  if (!item) throw new Error(`no item ${guid}`);
  return item.article;
};

describe("RSS 2.0 (a WordPress-style newsroom feed)", () => {
  const feed = parse(fixture("rss-newsroom.xml"), "https://tagesbote.example/feed/", {
    politik: "politics",
    KULTUR: "culture",
  });

  it("reads every usable item once, in document order, and reports the others with a reason", () => {
    expect(feed.format).toBe("rss");
    expect(feed.title).toBe("Der Tagesbote – Nachrichten");
    expect(feed.items.map((i) => i.guid)).toEqual([
      "https://tagesbote.example/?p=18734",
      "tagesbote-kultur-2291",
      "https://tagesbote.example/podcast/woche-7",
    ]);
    expect(feed.skipped).toEqual([
      { guid: "intern-55", reason: "no http(s) link to the article" },
      { guid: "bad-link-1", reason: "no http(s) link to the article" },
    ]);
  });

  it("decodes CDATA and entities: numeric in the title, HTML in the description, content kept as HTML", () => {
    const article = byGuid(feed.items, "https://tagesbote.example/?p=18734");
    expect(article).toMatchObject({
      id: feedArticleId("https://tagesbote.example/?p=18734"),
      url: "https://tagesbote.example/2025/02/15/koalition-haushalt/",
      title: "Koalition einigt sich auf Haushalt – „Ein guter Tag“ für Berlin",
      summary:
        "Nach zwölf Stunden Verhandlung steht der Etat & die Schuldenbremse bleibt. Die Opposition kritisiert den Kompromiss.",
      author: "Jana Schmidt",
      imageUrl: "https://tagesbote.example/wp-content/uploads/2025/02/reichstag-1200.jpg",
      publishedAt: "2025-02-15T10:00:00.000Z",
    });
    expect(article.bodyHtml).toMatch(/^<p>Nach zwölf Stunden Verhandlung steht der Etat\.<\/p>/);
    expect(article.bodyHtml).toContain(
      '<img src="https://tagesbote.example/wp-content/uploads/2025/02/reichstag.jpg"',
    );
  });

  it("maps categories case-insensitively, ignores unmapped ones, and falls back to the default topic", () => {
    expect(byGuid(feed.items, "https://tagesbote.example/?p=18734").topics).toEqual(["politics"]);
    expect(byGuid(feed.items, "tagesbote-kultur-2291").topics).toEqual(["culture"]);
    expect(byGuid(feed.items, "https://tagesbote.example/podcast/woche-7").topics).toEqual(["world"]);
  });

  it("resolves a relative link against the channel link; a missing date is the time of the poll", () => {
    const article = byGuid(feed.items, "tagesbote-kultur-2291");
    expect(article.url).toBe("https://tagesbote.example/kultur/tom-und-jerry-85");
    expect(article.publishedAt).toBe(NOW.toISOString());
  });

  it("decodes a double-escaped title and escaped HTML; takes the name from an e-mail author and an image enclosure", () => {
    expect(byGuid(feed.items, "tagesbote-kultur-2291")).toMatchObject({
      title: "Tom & Jerry: Zeichentrick-Klassiker wird 85",
      summary: "Die Katze und die Maus jagen sich seit 1940.",
      author: "Max Weber",
      imageUrl: "https://tagesbote.example/img/tom-jerry.png",
    });
  });

  it("keeps the first of two items with one guid", () => {
    expect(feed.items.filter((i) => i.guid === "tagesbote-kultur-2291")).toHaveLength(1);
    expect(byGuid(feed.items, "tagesbote-kultur-2291").title).not.toContain("Wiederholung");
  });

  it("uses a permalink guid as the link, and does not take an audio enclosure for an image", () => {
    const article = byGuid(feed.items, "https://tagesbote.example/podcast/woche-7");
    expect(article.url).toBe("https://tagesbote.example/podcast/woche-7");
    expect(article.imageUrl).toBeUndefined();
  });

  it("versions an RSS item (no update time) by a hash of title, link and content", () => {
    const version = byGuid(feed.items, "tagesbote-kultur-2291").version;
    expect(version).toMatch(/^h-[\w-]{16}$/);
    const edited = fixture("rss-newsroom.xml").replace("wird 85", "wird 85 Jahre alt");
    const again = parse(edited, "https://tagesbote.example/feed/");
    expect(byGuid(again.items, "tagesbote-kultur-2291").version).not.toBe(version);
    expect(byGuid(again.items, "https://tagesbote.example/?p=18734").version).toBe(
      byGuid(feed.items, "https://tagesbote.example/?p=18734").version,
    );
  });
});

describe("Atom 1.0", () => {
  const feed = parse(fixture("atom-newsroom.xml"), "https://blog.newsroom.example/tech/atom.xml");
  const chips = () => byGuid(feed.items, "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");

  it("reads entries with their ids as guids", () => {
    expect(feed.format).toBe("atom");
    expect(feed.items.map((i) => i.guid)).toEqual([
      "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
      "tag:blog.newsroom.example,2025:qec",
      "tag:blog.newsroom.example,2025:five-tags",
    ]);
    expect(feed.skipped).toEqual([]);
  });

  it("decodes html titles and summaries, keeps XHTML content without its wrapping div", () => {
    expect(chips()).toMatchObject({
      title: "Chips & Policy: the new export rules",
      summary: "Washington tightens the rules again. Here is what changes.",
      author: "Priya Raman",
    });
    expect(chips().bodyHtml).toMatch(
      /^<p>Washington tightens the rules <strong>again<\/strong> &amp; Europe/,
    );
    expect(chips().bodyHtml).not.toContain("<div");
  });

  it("resolves links against xml:base of the feed and of the entry", () => {
    expect(chips().url).toBe("https://blog.newsroom.example/tech/2025/02/chip-export-rules");
    expect(chips().imageUrl).toBe("https://blog.newsroom.example/media/chips.jpg");
    expect(byGuid(feed.items, "tag:blog.newsroom.example,2025:qec").url).toBe(
      "https://blog.newsroom.example/science/qec-explained",
    );
  });

  it("versions by <updated>, publishes at <published>, and uses <updated> when <published> is missing", () => {
    expect(chips()).toMatchObject({
      version: "2025-02-15T11:30:00.000Z",
      publishedAt: "2025-02-15T08:00:00.000Z",
    });
    expect(byGuid(feed.items, "tag:blog.newsroom.example,2025:qec").publishedAt).toBe(
      "2025-02-14T16:00:00.000Z",
    );
  });

  it("maps category terms and labels (newsroom-wide map included)", () => {
    expect(chips().topics).toEqual(["technology", "business"]);
  });

  it("reads CDATA summaries, media thumbnails and the feed's author", () => {
    expect(byGuid(feed.items, "tag:blog.newsroom.example,2025:qec")).toMatchObject({
      summary: "Why logical qubits matter — and when.",
      imageUrl: "https://cdn.newsroom.example/qec.webp",
      author: "Tech Desk",
    });
  });

  it("keeps plain-text constructs as text (escaped when they become HTML); no dates means the poll time", () => {
    expect(byGuid(feed.items, "tag:blog.newsroom.example,2025:five-tags")).toMatchObject({
      title: "Five <tags> we liked this week",
      bodyHtml: "<p>Short list. 1 &lt; 2.</p>",
      publishedAt: NOW.toISOString(),
      version: expect.stringMatching(/^h-/),
    });
  });
});

describe("documents that are not feeds", () => {
  const rules = topicRules(config);
  const tryParse = (xml: string) =>
    parseFeed(xml, { feedUrl: "https://x.example/f", topics: TOPICS, rules, now: NOW });

  it("refuses XML that is not well-formed (a feed cut off mid-item) instead of reading half an item", () => {
    const cut = fixture("rss-newsroom.xml").slice(0, 2000);
    expect(tryParse(cut)).toEqual({ ok: false, error: expect.stringMatching(/^not well-formed XML/) });
    expect(tryParse("<html><body>Bad gateway</body>")).toMatchObject({ ok: false });
  });

  it("refuses well-formed XML that is neither RSS nor Atom", () => {
    expect(tryParse("<html><body>Maintenance</body></html>")).toEqual({
      ok: false,
      error: "not an RSS or Atom feed (the document is <html>)",
    });
  });

  it("reads an empty channel as no items", () => {
    expect(tryParse("<rss version='2.0'><channel><title>t</title></channel></rss>")).toMatchObject({
      ok: true,
      items: [],
      skipped: [],
    });
  });
});
