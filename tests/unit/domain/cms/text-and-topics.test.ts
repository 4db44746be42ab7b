import { describe, expect, it } from "vitest";
import { sourcesFromEnv } from "../../../../functions/adapters/feeds/env-sources.js";
import { clip, decodeEntities, htmlToText } from "../../../../functions/domain/cms/html-text.js";
import { mapTopics, topicRules } from "../../../../functions/domain/cms/topic-map.js";

const TOPICS = ["world", "politics", "business", "technology", "culture"];

describe("text out of CMS HTML", () => {
  it("decodes numeric, hexadecimal and named references, and leaves unknown names alone", () => {
    expect(
      decodeEntities("Caf&eacute; &amp; Bar &#8212; it&#x2019;s &hellip; &notanentity; &#0; &#xD800;"),
    ).toBe("Café & Bar — it’s … &notanentity; \ufffd \ufffd");
  });

  it("drops tags, scripts and comments, keeps words of adjacent blocks apart, and a lone '<' is text", () => {
    expect(htmlToText("<p>One</p><p>Two<br>Three</p><!-- x --><script>alert(1)</script>")).toBe(
      "One Two Three",
    );
    expect(htmlToText("a < b and c > d")).toBe("a < b and c > d");
    expect(htmlToText("Part&nbsp;2\n\n  of  3")).toBe("Part 2 of 3");
  });

  it("clips at a word boundary, within the limit, without splitting a surrogate pair", () => {
    expect(clip("The quick brown fox", 12)).toBe("The quick…");
    expect(clip("short", 12)).toBe("short");
    const clipped = clip("😀".repeat(10), 5);
    expect(clipped.length).toBeLessThanOrEqual(5);
    expect(clipped).toBe("😀😀…");
  });
});

describe("topic mapping", () => {
  const config = {
    topics: TOPICS,
    sources: { feeds: [], pollMinutes: 5, topicMap: { Wirtschaft: "business", Politik: "world" } },
  };

  it("maps case-insensitively, in order, without duplicates; a label naming a topic is that topic", () => {
    const rules = topicRules(config);
    expect(mapTopics(["  wirtschaft ", "Technology", "WIRTSCHAFT", "Sport"], rules)).toEqual([
      "business",
      "technology",
    ]);
  });

  it("gives the default topic when nothing maps: the feed's, else the newsroom's, else the first topic", () => {
    expect(mapTopics(["Sport"], topicRules(config))).toEqual(["world"]);
    expect(
      mapTopics([], topicRules({ ...config, sources: { ...config.sources, defaultTopic: "culture" } })),
    ).toEqual(["culture"]);
    const feed = {
      url: "https://x.example/f",
      topicMap: { Politik: "politics" },
      defaultTopic: "technology",
    };
    expect(mapTopics(["Sport"], topicRules(config, feed))).toEqual(["technology"]);
    // The feed's own map overrides the newsroom-wide entry for the same label.
    expect(mapTopics(["Politik", "Wirtschaft"], topicRules(config, feed))).toEqual(["politics", "business"]);
  });
});

describe("feed settings from the environment", () => {
  it("reads feeds (objects or plain URLs), the poll interval, the topic map and the default topic", () => {
    const sources = sourcesFromEnv(
      {
        HERALD_FEEDS:
          '[{"url":"https://a.example/feed","topicMap":{"Politik":"politics"}},"https://b.example/atom.xml"]',
        HERALD_FEED_POLL_MINUTES: "2",
        HERALD_TOPIC_MAP: '{"Wirtschaft":"business"}',
        HERALD_DEFAULT_TOPIC: "world",
      },
      TOPICS,
    );
    expect(sources).toEqual({
      feeds: [
        { url: "https://a.example/feed", topicMap: { Politik: "politics" } },
        { url: "https://b.example/atom.xml", topicMap: {} },
      ],
      pollMinutes: 2,
      topicMap: { Wirtschaft: "business" },
      defaultTopic: "world",
    });
    expect(sourcesFromEnv({}, TOPICS)).toEqual({ feeds: [], pollMinutes: 5, topicMap: {} });
  });

  it("stops at start on a topic that is not configured, a feed listed twice, bad JSON or a non-http URL", () => {
    expect(() => sourcesFromEnv({ HERALD_TOPIC_MAP: '{"Sport":"sports"}' }, TOPICS)).toThrow(
      /topicMap\.Sport: unknown topic sports/,
    );
    expect(() =>
      sourcesFromEnv({ HERALD_FEEDS: '["https://a.example/f","https://a.example/f"]' }, TOPICS),
    ).toThrow(/feeds\.1\.url: feed configured twice/);
    expect(() => sourcesFromEnv({ HERALD_FEEDS: "[{url:" }, TOPICS)).toThrow(
      /HERALD_FEEDS is not valid JSON/,
    );
    expect(() => sourcesFromEnv({ HERALD_FEEDS: '["file:///etc/passwd"]' }, TOPICS)).toThrow(/feeds\.0\.url/);
    expect(() => sourcesFromEnv({ HERALD_DEFAULT_TOPIC: "sport" }, TOPICS)).toThrow(
      /defaultTopic: unknown topic/,
    );
  });
});
