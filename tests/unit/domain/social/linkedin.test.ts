import { describe, expect, it } from "vitest";
import { composeLinkedIn, escapeLittleText } from "../../../../functions/domain/social/linkedin.js";
import { linkedinVisible, source, taggedFor, words } from "../../../fixtures/social/posts.js";

describe("escapeLittleText", () => {
  it("backslash-escapes every reserved character of LinkedIn's little text and nothing else", () => {
    // Prepare
    const reserved = "\\|{}@[]()<>#*_~";

    // Act
    const escaped = escapeLittleText(`a${reserved}z .,!?&%$"'`);

    // Assess
    expect(escaped).toBe(`a${[...reserved].map((c) => `\\${c}`).join("")}z .,!?&%$"'`);
  });
});

describe("composeLinkedIn", () => {
  it("escapes the title and summary but keeps the hashtags live", () => {
    // Prepare
    const article = source({
      title: "Q&A (live): #1 priority @ noon [update]",
      summary: "Costs *rose* ~5% <again> to_date {est.} | \\ end",
      topics: ["world"],
    });

    // Act
    const { commentary } = composeLinkedIn(article);

    // Assess
    expect(commentary).toBe(
      [
        "Q&A \\(live\\): \\#1 priority \\@ noon \\[update\\]",
        "Costs \\*rose\\* \\~5% \\<again\\> to\\_date \\{est.\\} \\| \\\\ end",
        "#World",
      ].join("\n\n"),
    );
    expect(linkedinVisible(commentary)).toBe(`${article.title}\n\n${article.summary}\n\n#World`);
  });

  it("shares the article as a card with the tagged URL, since LinkedIn does not scrape links", () => {
    // Prepare
    const article = source();

    // Act
    const post = composeLinkedIn(article);

    // Assess
    expect(post.article).toEqual({
      source: taggedFor("linkedin"),
      title: article.title,
      description: article.summary,
    });
  });

  it("counts the escapes towards the 3,000 characters", () => {
    // Act
    const { commentary } = composeLinkedIn(source({ summary: words(3000, "(a) [b] #c @d") }));

    // Assess
    expect(commentary.length).toBeLessThanOrEqual(3000);
    expect(commentary.length).toBeGreaterThan(2900);
  });
});
