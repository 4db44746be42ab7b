import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { topicRules } from "../../../../functions/domain/cms/topic-map.js";
import { type FeedItem, parseFeed } from "../../../../functions/domain/feeds/parse-feed.js";

/** Feeds in shapes real sites send, which every feed reader accepts (fixtures/feeds/real-world). */

const TOPICS = ["world", "politics", "business", "technology", "culture"];
const NOW = new Date("2025-02-17T12:00:00Z");
const config = { topics: TOPICS, sources: { feeds: [], pollMinutes: 5, topicMap: {} } };
const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/feeds/real-world/${name}`, import.meta.url), "utf8");
const parse = (xml: string, feedUrl = "https://feeds.example/feed.xml") =>
  parseFeed(xml, { feedUrl, topics: TOPICS, rules: topicRules(config), now: NOW });

function read(xml: string, feedUrl?: string) {
  const feed = parse(xml, feedUrl);
  if (!feed.ok) throw new Error(feed.error);
  return feed;
}
const titles = (items: FeedItem[]) => items.map((i) => i.article.title);

describe("what comes before the root", () => {
  it("reads a feed with blank lines before <?xml (PHP templates, podcast hosts)", () => {
    const feed = read(fixture("podcast-leading-blank-lines.xml"));
    expect(titles(feed.items)).toEqual([
      "Episode 412: The night train, explained",
      "Episode 411: Ferries, fares and the fog",
    ]);
    expect(feed.repairs).toEqual([]);
  });

  it("reads one with a byte order mark and spaces before the declaration", () => {
    const xml = `\uFEFF  \r\n${fixture("podcast-leading-blank-lines.xml").trimStart()}`;
    expect(read(xml).items).toHaveLength(2);
  });
});

describe("a feed that is not well-formed is read item by item", () => {
  // Read in each test, so that a feed refused whole fails the tests rather than the file.
  const broken = () => read(fixture("wordpress-broken-items.xml"), "https://valleycourier.example/feed/");

  it("takes a bare & in a link as text, keeps every readable item, and skips only the broken one", () => {
    const feed = broken();
    expect(titles(feed.items)).toEqual([
      "Bridge reopens after three weeks of repairs",
      "Council votes on the school budget tonight",
      "Weekend weather: fog, then sun",
    ]);
    expect(feed.items[1]?.article.url).toBe(
      "https://valleycourier.example/2025/02/16/school-budget/?utm_source=rss&utm_medium=rss&utm_campaign=school-budget",
    );
    expect(feed.title).toBe("Valley Courier & Post");
  });

  it("reports the broken item (without a guid, so a fixed item is published later) and the repair", () => {
    const feed = broken();
    expect(feed.skipped).toEqual([
      {
        reason: expect.stringMatching(
          /^not well-formed XML \(https:\/\/valleycourier\.example\/2025\/02\/16\/letters-parking\/\): /,
        ),
      },
    ]);
    expect(feed.repairs).toEqual([
      expect.stringMatching(
        /^read item by item, 1 of 4 items not well-formed; not well-formed XML \(line \d+\)/,
      ),
    ]);
  });

  it("reads a feed whose only fault is a bare & in one item whole, saying so", () => {
    const xml = fixture("wordpress-broken-items.xml").replace("<b>parking", "parking");
    const whole = read(xml);
    expect(whole.items).toHaveLength(4);
    expect(whole.skipped).toEqual([]);
    expect(whole.repairs).toEqual([
      expect.stringMatching(/^unescaped "&" read as text; not well-formed XML/),
    ]);
  });

  it("still refuses a feed cut off before its root closes: the rest is not there", () => {
    const xml = fixture("wordpress-broken-items.xml");
    const cut = xml.slice(0, xml.indexOf("<title>Weekend weather"));
    expect(parse(cut)).toEqual({ ok: false, error: expect.stringMatching(/^not well-formed XML/) });
  });
});

describe("Atom by namespace, whatever the prefix", () => {
  it("reads <a:feed xmlns:a=…Atom> like an unprefixed feed", () => {
    const feed = read(fixture("atom-prefixed.xml"), "https://data.cityhall.example/press/atom.xml");
    expect(feed.format).toBe("atom");
    expect(feed.title).toBe("City Hall press releases");
    expect(feed.items.map((i) => i.article)).toEqual([
      expect.objectContaining({
        title: "Snow plan: 40 gritters & a new route map",
        url: "https://data.cityhall.example/press/releases/2025-02-17-snow-plan",
        summary: "Forty gritters and a new route map for the cold week ahead.",
        topics: ["politics"],
        author: "City Hall Press Office",
        imageUrl: "https://data.cityhall.example/press/img/gritter.jpg",
        publishedAt: "2025-02-17T08:30:00.000Z",
      }),
      expect.objectContaining({
        title: "Library hours extended on Sundays",
        url: "https://data.cityhall.example/press/releases/2025-02-14-library-hours",
      }),
    ]);
  });

  it("reads entries that declare their own prefix inside an unprefixed feed", () => {
    const feed = read(fixture("atom-prefixed-entries.xml"));
    expect(feed.items.map((i) => [i.guid, i.article.title, i.article.author])).toEqual([
      [
        "tag:observatory.example,2025:comet-c2025",
        "Comet visible to the naked eye next week",
        "Dr. Ines Kovač",
      ],
      ["tag:observatory.example,2025:open-night", "Open night on Saturday", undefined],
    ]);
  });

  it("reads Atom elements in RSS under another prefix (.NET's a10:updated versions the item)", () => {
    const [item] = read(fixture("dotnet-rss-a10.xml")).items;
    expect(item?.article).toMatchObject({
      title: "Berth 7 closed for dredging",
      version: "2025-02-17T07:45:00.000Z",
    });
  });

  it("says so when a document holds entries and none can be read, instead of '0 items'", () => {
    const nested = fixture("atom-prefixed-entries.xml")
      .replace(/<p0:entry/, "<entries><p0:entry")
      .replace(/<\/p1:entry>/, "</p1:entry></entries>");
    expect(parse(nested)).toEqual({
      ok: false,
      error: expect.stringMatching(/^the document holds 2 item or entry elements, and none could be read/),
    });
    const foreign = fixture("atom-prefixed-entries.xml").replaceAll('http://www.w3.org/2005/Atom"', 'urn:x"');
    expect(parse(foreign)).toMatchObject({ ok: false });
  });
});

describe("titles with inline markup", () => {
  it("joins inline elements without inventing spaces; block elements and <br> separate", () => {
    const feed = read(fixture("inline-markup-titles.xml"));
    expect(titles(feed.items)).toEqual([
      "Penthouse, 1930ft2, roof terrace",
      "Why H2O boils at 100°C, and where it does not",
      "Berlin Hamburg & Kiel",
    ]);
    expect(feed.items[0]?.article.summary).toBe("Three bedrooms, two terraces. Available from March.");
  });

  it("does the same for an Atom html title", () => {
    const atom = fixture("atom-prefixed.xml").replace(
      "Snow plan: 40 gritters &amp;amp; a &lt;em&gt;new&lt;/em&gt; route map",
      "Salt stock: 1200m&lt;sup&gt;3&lt;/sup&gt;",
    );
    expect(read(atom).items[0]?.article.title).toBe("Salt stock: 1200m3");
  });
});

describe("XHTML content under a prefix", () => {
  it("reads <xhtml:div><xhtml:p> as the HTML it is, without the wrapping div", () => {
    const atom = fixture("atom-prefixed.xml").replace(
      '<a:summary type="text">',
      '<a:content type="xhtml"><x:div xmlns:x="http://www.w3.org/1999/xhtml"><x:p>Forty <x:strong>gritters</x:strong>.</x:p></x:div></a:content><a:summary type="text">',
    );
    expect(read(atom).items[0]?.article.bodyHtml).toBe("<p>Forty <strong>gritters</strong>.</p>");
  });
});

describe("Atom 0.3", () => {
  it("reads issued and modified as the dates, escaped HTML titles and XHTML content", () => {
    const [item] = read(fixture("atom-0.3.xml")).items;
    expect(item?.article).toMatchObject({
      title: "Tide tables & the new moon",
      url: "http://fieldnotes.example/2005/11/tides.html",
      publishedAt: "2005-11-09T11:56:34.000Z",
      version: "2005-11-09T13:10:00.000Z",
      author: "Rosa Lind",
      bodyHtml: "<p>Spring tides this week.</p>",
    });
  });
});

describe("an empty feed is still an empty feed", () => {
  it("items only inside comments or CDATA are not items that failed to read", () => {
    const xml = `<rss version="2.0"><channel><title>t</title><!-- <item><title>old</title></item> -->
      <description><![CDATA[<item>not one</item>]]></description></channel></rss>`;
    expect(parse(xml)).toMatchObject({ ok: true, items: [], skipped: [] });
  });
});
