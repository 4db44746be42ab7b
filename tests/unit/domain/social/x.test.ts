import twitterText from "twitter-text";
import { describe, expect, it } from "vitest";
import { composeX } from "../../../../functions/domain/social/x.js";
import { source, taggedFor, words } from "../../../fixtures/social/posts.js";

describe("composeX", () => {
  it("counts by twitter-text: the post is valid with a weighted length of at most 280", () => {
    // Act
    const { text } = composeX(source({ summary: words(1000) }));

    // Assess
    const parsed = twitterText.parseTweet(text);
    expect(parsed.valid).toBe(true);
    expect(parsed.weightedLength).toBeLessThanOrEqual(280);
    expect(text).toContain(taggedFor("x"));
  });

  it("counts CJK characters twice: a 300-character Chinese title is cut to about 140", () => {
    // Prepare
    const title = "美国寻求欧洲对乌克兰安全保障的意见".repeat(18);

    // Act
    const { text } = composeX(source({ title, summary: "" }));

    // Assess
    const parsed = twitterText.parseTweet(text);
    expect(parsed.valid).toBe(true);
    expect(parsed.weightedLength).toBeLessThanOrEqual(280);
    const shown = text.split("\n\n")[0] ?? "";
    // 280 - 23 (link) - 2 (blank line) - 2 (the ellipsis is not Latin-1 either) leaves 253, so 126 characters.
    expect([...shown.slice(0, -1)].length).toBeGreaterThanOrEqual(120);
    expect(title.startsWith(shown.slice(0, -1))).toBe(true);
  });

  it("counts every link as 23, however long the article URL", () => {
    // Prepare
    const url = `https://news.example.org/${"section/".repeat(25)}story`;
    const title = words(250);

    // Act
    const { text } = composeX(source({ url, title, summary: "", topics: [] }));

    // Assess
    expect(text).toBe(`${title}\n\n${taggedFor("x", source({ url }))}`);
    expect(twitterText.parseTweet(text).weightedLength).toBe(250 + 2 + 23);
  });

  it("allows a longer limit for Premium accounts", () => {
    // Act
    const { text } = composeX(source({ summary: words(3000) }), 25_000);

    // Assess
    expect(text).toContain(words(3000));
  });
});
