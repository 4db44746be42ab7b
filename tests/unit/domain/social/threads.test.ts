import { describe, expect, it } from "vitest";
import { composeThreads, threadsLength } from "../../../../functions/domain/social/threads.js";
import { source, taggedFor, threadsCount, words } from "../../../fixtures/social/posts.js";

describe("composeThreads", () => {
  it("tags only the main topic: Threads allows one hashtag a post", () => {
    // Act
    const { text } = composeThreads(source({ topics: ["world", "politics"] }));

    // Assess
    expect(text.endsWith("\n\n#World")).toBe(true);
    expect(text).not.toContain("#Politics");
  });

  it("counts emoji as their UTF-8 bytes, as Threads documents", () => {
    // Prepare
    const title = `${"🇺🇦".repeat(40)} ${words(400)}`;

    // Act
    const { text } = composeThreads(source({ title, summary: "" }));

    // Assess
    expect(threadsLength("🇺🇦")).toBe(8);
    expect(threadsLength("👨‍👩‍👧‍👧")).toBe(25);
    expect(threadsCount(text)).toBeLessThanOrEqual(500);
    expect(text.length).toBeLessThanOrEqual(500 - 40 * 4);
  });

  it("attaches the link; an overlong one stays out of the text", () => {
    // Prepare
    const long = source({ url: `https://news.example.org/${"a-long-slug-".repeat(20)}` });

    // Act
    const usual = composeThreads(source());
    const overlong = composeThreads(long);

    // Assess
    expect(usual.linkAttachment).toBe(taggedFor("threads"));
    expect(usual.text).toContain(taggedFor("threads"));
    expect(overlong.linkAttachment).toBe(taggedFor("threads", long));
    expect(overlong.text).not.toContain("https://");
  });
});
