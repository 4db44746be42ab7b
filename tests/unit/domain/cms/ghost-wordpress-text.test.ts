import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ghostArticle } from "../../../../functions/domain/cms/ghost.js";
import { topicRules } from "../../../../functions/domain/cms/topic-map.js";
import { wordpressArticle } from "../../../../functions/domain/cms/wordpress.js";

const TOPICS = ["world", "politics", "business", "technology", "culture"];
const json = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url), "utf8"));
const GHOST = json("ghost-post-published.json");
const WORDPRESS = json("wordpress-post.json");

const rules = (topicMap: Record<string, string> = {}) =>
  topicRules({ topics: TOPICS, sources: { feeds: [], pollMinutes: 5, topicMap } });

function ghost(fields: Record<string, unknown>) {
  const payload = { post: { ...GHOST.post, current: { ...GHOST.post.current, ...fields } } };
  const result = ghostArticle(payload, TOPICS, rules());
  if (result.kind !== "article") throw new Error(result.reason);
  return result.article;
}

describe("Ghost's title, excerpt and author are plain text", () => {
  it("keeps a title that names an element, with its ampersand and curly quotes", () => {
    const title = "Using the <dialog> element & “popover” in 2025";
    expect(ghost({ title }).title).toBe(title);
  });

  it("keeps a title that literally says &amp;, as the author typed it", () => {
    expect(ghost({ title: "Escaping &amp; in HTML, explained" }).title).toBe(
      "Escaping &amp; in HTML, explained",
    );
  });

  it("treats the custom excerpt and the author's name the same way", () => {
    const article = ghost({
      custom_excerpt: "When <details> is enough & when it is not.",
      primary_author: { name: "Ana <Dev> O'Neil" },
    });
    expect(article).toMatchObject({
      summary: "When <details> is enough & when it is not.",
      author: "Ana <Dev> O'Neil",
    });
  });

  it("any title arrives as written, only its whitespace tidied", () => {
    // Any text, with what HTML would take for markup or references mixed in.
    const markupLike = fc.constantFrom(
      "<dialog>",
      "</i>",
      "<b>",
      "&amp;",
      "&",
      "&#8217;",
      "<!-- x -->",
      "a<b",
    );
    const visible = fc
      .array(fc.oneof(fc.string({ unit: "grapheme", maxLength: 12 }), markupLike), {
        minLength: 1,
        maxLength: 10,
      })
      .map((parts) => parts.join(""))
      .filter((t) => t.trim() !== "" && t.length <= 300);
    fc.assert(
      fc.property(visible, (title) => {
        expect(ghost({ title }).title).toBe(title.replace(/\s+/g, " ").trim());
      }),
      { numRuns: 50 },
    );
  });
});

describe("WordPress term names come HTML-escaped", () => {
  const withTerms = (terms: Array<{ name: string; slug: string }>) => ({
    ...WORDPRESS,
    _embedded: {
      ...WORDPRESS._embedded,
      "wp:term": [terms.map((t, i) => ({ id: 90 + i, taxonomy: "category", ...t }))],
    },
  });
  const topicsOf = (payload: unknown, map: Record<string, string>) => {
    const result = wordpressArticle(payload, TOPICS, rules(map));
    if (result.kind !== "article") throw new Error(result.reason);
    return result.article.topics;
  };

  it("decodes “News &amp; Politics” before mapping, so the entry “News & Politics” matches", () => {
    const payload = withTerms([{ name: "News &amp; Politics", slug: "news-politics" }]);
    expect(topicsOf(payload, { "News & Politics": "politics" })).toEqual(["politics"]);
  });

  it("decodes numeric and named references, and percent-encoded slugs of non-ASCII names", () => {
    const payload = withTerms([
      { name: "Arts &#038; Culture", slug: "arts-culture" },
      { name: "Экономика и финансы", slug: "%d1%8d%d0%ba%d0%be%d0%bd%d0%be%d0%bc%d0%b8%d0%ba%d0%b0" },
      { name: "Wissen &amp; Technik", slug: "wissen-technik" },
    ]);
    const map = { "Arts & Culture": "culture", экономика: "business", "wissen & technik": "technology" };
    expect(topicsOf(payload, map)).toEqual(["culture", "business", "technology"]);
  });
});
