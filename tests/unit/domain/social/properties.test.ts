import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composeAll } from "../../../../functions/domain/social/compose.js";
import type { PostSource } from "../../../../functions/domain/social/source.js";
import { caseOf, EDITION_ID, taggedFor, utf8 } from "../../../fixtures/social/posts.js";

/** Pieces that make cutting hard: clusters, scripts, RTL, long words, URLs, markup, joiners. */
const PIECES = [
  "Storm",
  " ",
  " ",
  "👩‍👩‍👧‍👦",
  "🇺🇦",
  "👍🏽",
  "q̃̂",
  "क्षि",
  "美国寻求欧洲",
  "日本語のニュース",
  "مرحبا بالعالم",
  "שלום",
  "Ελλάδα",
  "Україна",
  "Donaudampfschifffahrtsgesellschaftskapitän",
  "https://example.com/a?b=c&d=e",
  "evil.example.com",
  "#tag",
  "@alice.bsky.social",
  "<b>&amp;</b>",
  "(a) [b] {c} *d* _e_ ~f~ \\ |",
  "\u200d",
  "\u0301",
  "\n",
  "x".repeat(300),
];

// "large" sizes: fast-check's default keeps strings to a few characters, far below any limit.
const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 2000, size: "large" }),
  fc.string({ unit: "grapheme", maxLength: 1000, size: "large" }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 200, size: "large" }).map((pieces) => pieces.join("")),
);

/** Article URLs on TLDs twitter-text knows (elsewhere X would not link them either), with queries. */
const url = fc
  .tuple(
    fc.constantFrom("com", "org", "co.uk", "news", "de"),
    fc.webPath(),
    fc.webQueryParameters(),
    fc.webFragments(),
  )
  .map(([tld, path, query, fragment]) => `https://news.example.${tld}${path}?${query}#${fragment}`);

const topics = fc.array(fc.oneof(fc.constantFrom("world", "politics", "climate-change"), fc.string()), {
  maxLength: 5,
});

const sources: fc.Arbitrary<PostSource> = fc.record({
  editionId: fc.constant(EDITION_ID),
  url,
  title: text,
  summary: text,
  topics,
});

const decoder = new TextDecoder();

describe("properties: composed posts for random articles", () => {
  it("are within every network's limit by its own counting and carry the full tagged URL", () => {
    fc.assert(
      fc.property(sources, (source) => {
        for (const post of Object.values(composeAll(source))) {
          const net = caseOf(post);
          expect(net.withinLimit(post), post.network).toBe(true);
          expect(net.hasUrl(post, taggedFor(post.network, source)), post.network).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("give Bluesky facets that slice exactly the shown link and each hashtag out of the UTF-8 text", () => {
    fc.assert(
      fc.property(sources, (source) => {
        const { bluesky, x, mastodon } = composeAll(source);
        const bytes = utf8(bluesky.text);
        const tagged = taggedFor("bluesky", source);
        let previousEnd = 0;
        for (const { index, features } of bluesky.facets) {
          expect(index.byteStart).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = index.byteEnd;
          const slice = decoder.decode(bytes.slice(index.byteStart, index.byteEnd));
          for (const feature of features) {
            if (feature.$type === "app.bsky.richtext.facet#tag") expect(slice).toBe(`#${feature.tag}`);
            else if (tagged.length <= 150) expect(slice).toBe(tagged);
            else expect(slice).toMatch(/^[^\s]+…$/);
          }
        }
        if (tagged.length <= 150) expect(bluesky.text).toContain(tagged);
        expect(x.text).toContain(taggedFor("x", source));
        expect(mastodon.status).toContain(taggedFor("mastodon", source));
      }),
      { numRuns: 150 },
    );
  });
});
