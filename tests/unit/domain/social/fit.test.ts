import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { displayUrl, fitParts, shorten } from "../../../../functions/domain/social/fit.js";
import { graphemeLength } from "../../../../functions/domain/social/graphemes.js";
import { socialUrl } from "../../../../functions/domain/social/network.js";
import { cleanText, hashtag, type PostParts, postParts } from "../../../../functions/domain/social/source.js";
import { graphemes, source } from "../../../fixtures/social/posts.js";

describe("shorten", () => {
  it("keeps text that fits, else cuts after a whole word with an ellipsis", () => {
    // Act + Assess
    expect(shorten("The quick brown fox", (t) => t.length <= 19)).toBe("The quick brown fox");
    expect(shorten("The quick brown fox", (t) => t.length <= 12)).toBe("The quick…");
    expect(shorten("Hello, world", (t) => t.length <= 10)).toBe("Hello…");
  });

  it("cuts one overlong word between graphemes, and gives up when not one fits", () => {
    // Act + Assess
    expect(shorten("Donaudampfschifffahrt", (t) => t.length <= 8)).toBe("Donauda…");
    expect(shorten("👩‍👩‍👧‍👦👩‍👩‍👧‍👦", (t) => t.length <= 13)).toBe("👩‍👩‍👧‍👦…");
    expect(shorten("👩‍👩‍👧‍👦", (t) => t.length <= 5)).toBeUndefined();
  });

  it("cuts Chinese and Japanese at word boundaries too (no spaces needed)", () => {
    // Prepare
    const text = "美国寻求欧洲对乌克兰安全保障的意见";

    // Act
    const short = shorten(text, (t) => t.length <= 8) ?? "";

    // Assess
    expect(short.endsWith("…")).toBe(true);
    expect(text.startsWith(short.slice(0, -1))).toBe(true);
  });
});

describe("fitParts", () => {
  const parts: PostParts = {
    title: "Title words here",
    summary: "Summary words go on here",
    hashtags: ["#One", "#Two"],
  };
  const render = (p: PostParts) => [p.title, p.summary, p.hashtags.join(" ")].filter(Boolean).join("|");
  const fitTo = (max: number) => fitParts(parts, { fits: (p) => render(p).length <= max, maxGraphemes: max });

  it("drops hashtags from the last, then cuts the summary, then the title", () => {
    // Act + Assess
    expect(render(fitTo(100))).toBe("Title words here|Summary words go on here|#One #Two");
    expect(render(fitTo(46))).toBe("Title words here|Summary words go on here|#One");
    expect(render(fitTo(41))).toBe("Title words here|Summary words go on here");
    expect(render(fitTo(33))).toBe("Title words here|Summary words…");
    expect(render(fitTo(20))).toBe("Title words here");
    expect(render(fitTo(14))).toBe("Title words…");
  });
});

describe("text cleaning, hashtags and tagging", () => {
  it("makes titles one NFC line without characters X refuses or lone surrogates", () => {
    // Act + Assess
    expect(cleanText(" Storm\r\nhits\tthe  coast\uFEFF ")).toBe("Storm hits the coast");
    expect(cleanText("Cafe\u0301")).toBe("Café");
    expect(cleanText("a\uD800b")).toBe("a\uFFFDb");
  });

  it("turns topic slugs into CamelCase hashtags, skipping those without a letter", () => {
    // Act + Assess
    expect(hashtag("climate-change")).toBe("#ClimateChange");
    expect(hashtag("world")).toBe("#World");
    expect(hashtag("2024")).toBeUndefined();
    expect(postParts(source({ topics: ["world", "World", "2024", "élections"] })).hashtags).toEqual([
      "#World",
      "#Élections",
    ]);
  });

  it("tags the URL per network, keeping its own parameters and replacing stale UTM ones", () => {
    // Act
    const url = socialUrl("https://news.example.org/a?id=7&utm_source=rss#top", "mastodon", "ed_1");

    // Assess
    expect(url).toBe(
      "https://news.example.org/a?id=7&utm_source=mastodon&utm_medium=social&utm_campaign=ed_1#top",
    );
  });

  it("shows a long URL as host and path start, a short one whole", () => {
    // Act + Assess
    expect(displayUrl("https://news.example.org/a", 30)).toBe("https://news.example.org/a");
    expect(displayUrl(`https://news.example.org/${"x".repeat(40)}?q=1`, 30)).toBe(
      `news.example.org/${"x".repeat(12)}…`,
    );
  });
});

describe("graphemeLength", () => {
  it("agrees with Intl.Segmenter on any text, fast path or not", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 60 }),
        fc.string({ unit: "grapheme", maxLength: 60 }),
        (a, b) => {
          for (const text of [a, b, `${a}\n\n${b}`]) {
            expect(graphemeLength(text)).toBe(graphemes(text).length);
          }
        },
      ),
    );
  });
});
