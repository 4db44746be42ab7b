import { describe, expect, it } from "vitest";
import { composeAll, composePost } from "../../../../functions/domain/social/compose.js";
import { caseOf, graphemes, NETWORKS, source, taggedFor, words } from "../../../fixtures/social/posts.js";

const ELLIPSIS = "…";

describe.each(NETWORKS)("composePost(%s)", (network) => {
  it("fits an ordinary article whole, with the URL tagged for the network", () => {
    // Prepare
    const article = source();

    // Act
    const post = composePost(network, article);

    // Assess
    const net = caseOf(post);
    expect(post.network).toBe(network);
    expect(net.withinLimit(post)).toBe(true);
    expect(net.hasUrl(post, taggedFor(network))).toBe(true);
    expect(net.shownTitle(post)).toBe(article.title);
    expect(taggedFor(network)).toContain(`utm_source=${network}&utm_medium=social&utm_campaign=ed_`);
  });

  it("shortens a 2,000-character title and summary at a word boundary, URL intact", () => {
    // Prepare
    const title = words(2000);
    const article = source({ title, summary: words(2000, "Summary text runs on and on") });

    // Act
    const post = composePost(network, article);

    // Assess
    const net = caseOf(post);
    expect(net.withinLimit(post)).toBe(true);
    expect(net.hasUrl(post, taggedFor(network, article))).toBe(true);
    const shown = net.shownTitle(post);
    if (shown.length < title.length) {
      expect(shown.endsWith(ELLIPSIS)).toBe(true);
      const kept = shown.slice(0, -1);
      expect(title.startsWith(kept)).toBe(true);
      expect(title[kept.length]).toBe(" ");
    }
  });

  it.each([
    ["a ZWJ family", "👩‍👩‍👧‍👦"],
    ["a flag", "🇺🇦"],
    ["a skin-toned thumb", "👍🏽"],
    ["combining marks", "q̃̂"],
    ["a Devanagari conjunct", "क्षि"],
  ])("never splits %s at the cut, wherever the cut falls", (_, cluster) => {
    for (let pad = 0; pad < 12; pad++) {
      // Prepare: one endless "word", so the cut falls between graphemes, at a different offset each time.
      const title = "x".repeat(pad) + cluster.repeat(1500);

      // Act
      const post = composePost(network, source({ title, summary: "" }));

      // Assess
      const net = caseOf(post);
      expect(net.withinLimit(post)).toBe(true);
      const shown = net.shownTitle(post);
      if (shown === title) continue;
      const kept = graphemes(shown.slice(0, -ELLIPSIS.length));
      expect(kept).toEqual(graphemes(title).slice(0, kept.length));
    }
  });

  it("drops hashtags before cutting the summary, and the summary before the title", () => {
    // Prepare
    const article = source({ summary: words(70_000), topics: ["world", "politics", "business"] });

    // Act
    const post = composePost(network, article);

    // Assess
    const net = caseOf(post);
    expect(net.shownTitle(post)).toBe(article.title);
    expect(JSON.stringify(post)).not.toContain("#World");
  });
});

describe("composeAll", () => {
  it("composes all seven networks from one source, each tagged with its own utm_source", () => {
    // Act
    const posts = composeAll(source());

    // Assess
    expect(Object.keys(posts).sort()).toEqual([...NETWORKS].sort());
    for (const post of Object.values(posts)) {
      expect(caseOf(post).hasUrl(post, taggedFor(post.network))).toBe(true);
    }
  });

  it("rejects a source whose URL is not http(s)", () => {
    // Act + Assess
    expect(() => composeAll(source({ url: "javascript:alert(1)" }))).toThrow();
  });
});
