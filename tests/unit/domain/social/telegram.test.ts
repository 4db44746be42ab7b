import { describe, expect, it } from "vitest";
import { composeTelegram } from "../../../../functions/domain/social/telegram.js";
import { source, taggedFor, telegramVisible, words } from "../../../fixtures/social/posts.js";

describe("composeTelegram", () => {
  it("escapes HTML in the title and summary, and in the link's href", () => {
    // Prepare
    const article = source({
      title: `Q&A <script>alert("x")</script>`,
      summary: "Tom's <b>bold</b> & 'quoted' text",
      topics: [],
    });

    // Act
    const { caption, parseMode } = composeTelegram(article);

    // Assess
    const url = taggedFor("telegram", article);
    const href = url.replace(/&/g, "&amp;");
    expect(parseMode).toBe("HTML");
    expect(caption).toBe(
      [
        "<b>Q&amp;A &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</b>",
        "Tom&#39;s &lt;b&gt;bold&lt;/b&gt; &amp; &#39;quoted&#39; text",
        `<a href="${href}">${href}</a>`,
      ].join("\n\n"),
    );
    expect(telegramVisible(caption)).toBe(`${article.title}\n\n${article.summary}\n\n${url}`);
  });

  it("fits the caption to 1,024 and the message to 4,096 characters as the reader sees them", () => {
    // Prepare: "&" is five characters of markup but one of text.
    const summary = words(6000, "Q&A & more &");

    // Act
    const { caption, text } = composeTelegram(source({ summary }));

    // Assess
    expect(telegramVisible(caption).length).toBeLessThanOrEqual(1024);
    expect(telegramVisible(caption).length).toBeGreaterThan(1000);
    expect(caption.length).toBeGreaterThan(1024);
    expect(telegramVisible(text).length).toBeLessThanOrEqual(4096);
    expect(telegramVisible(text).length).toBeGreaterThan(4000);
  });
});
