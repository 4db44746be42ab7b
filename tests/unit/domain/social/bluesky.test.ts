import { describe, expect, it } from "vitest";
import { type BlueskyPost, composeBluesky } from "../../../../functions/domain/social/bluesky.js";
import { graphemes, source, taggedFor, utf8, words } from "../../../fixtures/social/posts.js";

const decoder = new TextDecoder();
/** The text a facet points at, cut from the UTF-8 bytes as Bluesky does. */
const sliceOf = (post: BlueskyPost, i: number) => {
  const { byteStart, byteEnd } = post.facets[i]?.index ?? { byteStart: 0, byteEnd: 0 };
  return decoder.decode(utf8(post.text).slice(byteStart, byteEnd));
};
const kinds = (post: BlueskyPost) =>
  post.facets.map((f) => f.features.map((x) => x.$type.split("#")[1]).join());

describe("composeBluesky", () => {
  it("puts facets at UTF-8 byte offsets that slice out exactly the link and each hashtag", () => {
    // Prepare: emoji and accents before the link, so byte offsets differ from string indices.
    const article = source({
      title: "Breaking: ✨ 👨‍👩‍👧‍👧 budget passed in Zürich",
      summary: "Ελλάδα, Україна, 日本語のニュース.",
      topics: ["politics", "climate-change"],
    });

    // Act
    const post = composeBluesky(article);

    // Assess
    const url = taggedFor("bluesky", article);
    expect(kinds(post)).toEqual(["link", "tag", "tag"]);
    expect(sliceOf(post, 0)).toBe(url);
    expect(post.facets[0]?.features[0]).toEqual({ $type: "app.bsky.richtext.facet#link", uri: url });
    expect(sliceOf(post, 1)).toBe("#Politics");
    expect(post.facets[1]?.features[0]).toEqual({ $type: "app.bsky.richtext.facet#tag", tag: "Politics" });
    expect(sliceOf(post, 2)).toBe("#ClimateChange");
    expect(post.text.indexOf(url)).not.toBe(post.facets[0]?.index.byteStart);
  });

  it("stays within 300 graphemes and 3,000 bytes when cutting", () => {
    // Act
    const post = composeBluesky(source({ title: words(2000), summary: words(2000) }));

    // Assess
    expect(graphemes(post.text).length).toBeLessThanOrEqual(300);
    expect(utf8(post.text).length).toBeLessThanOrEqual(3000);
    expect(sliceOf(post, 0)).toBe(taggedFor("bluesky"));
  });

  it("counts graphemes, not UTF-16 units: 300 emoji families are 300, not 3,300", () => {
    // Prepare
    const title = "👨‍👩‍👧‍👧".repeat(100);

    // Act
    const post = composeBluesky(source({ title, summary: "", topics: [] }));

    // Assess
    expect(post.text.startsWith(title)).toBe(true);
    expect(graphemes(post.text).length).toBe(100 + 2 + taggedFor("bluesky").length);
  });

  it("shows a very long link shortened, as Bluesky's app does, with the facet to the full URL", () => {
    // Prepare
    const article = source({ url: `https://news.example.org/${"a-long-slug-".repeat(30)}` });

    // Act
    const post = composeBluesky(article);

    // Assess
    const shown = sliceOf(post, 0);
    expect(shown).toMatch(/^news\.example\.org\/a-long-slug-.*…$/);
    expect(shown.length).toBeLessThanOrEqual(150);
    expect(post.facets[0]?.features[0]).toEqual({
      $type: "app.bsky.richtext.facet#link",
      uri: taggedFor("bluesky", article),
    });
  });

  it("makes no facets of mentions or links in the title: they are not the newsroom's to link", () => {
    // Act
    const post = composeBluesky(source({ title: "@alice.bsky.social reads evil.example.com", topics: [] }));

    // Assess
    expect(kinds(post)).toEqual(["link"]);
    expect(sliceOf(post, 0)).toBe(taggedFor("bluesky"));
  });

  it("describes the external link card with the full title and summary", () => {
    // Prepare
    const article = source();

    // Act
    const { external } = composeBluesky(article);

    // Assess
    expect(external).toEqual({
      uri: taggedFor("bluesky"),
      title: article.title,
      description: article.summary,
    });
  });
});
