import { describe, expect, it } from "vitest";
import { renderEdition } from "../../../functions/render/email.js";
import { article, config, EDITION_ID } from "./fixtures/article.js";

/** The `<head>` of a page and its meta tags by property or name, with entities decoded. */
function previewTags(page: string): Map<string, string> {
  const head = page.slice(0, page.search(/<\/head>/i));
  const tags = new Map<string, string>();
  for (const [, key, value] of head.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)" \/>/g)) {
    const decoded = (value as string)
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    tags.set(key as string, decoded);
  }
  return tags;
}

describe("the web version's link preview", () => {
  it("names the title, summary, article URL and the edition's card at its size", async () => {
    // Act
    const { webHtml } = await renderEdition(article(), EDITION_ID, config);

    // Assess
    const tags = previewTags(webHtml);
    expect(Object.fromEntries(tags)).toMatchObject({
      "og:type": "article",
      "og:site_name": "News Zier",
      "og:title": "A plain title",
      "og:description": "A plain summary.",
      "og:url": "https://news.example/2025/02/story",
      "og:image": `https://herald.example/v1/editions/${EDITION_ID}/card.png`,
      "og:image:width": "1200",
      "og:image:height": "630",
      "twitter:card": "summary_large_image",
    });
  });

  it("keeps hostile text inside its attribute", async () => {
    // Prepare
    const title = `Storm "quoted" <script>alert(1)</script> & more`;

    // Act
    const { webHtml } = await renderEdition(article({ title, summary: undefined }), EDITION_ID, config);

    // Assess
    const tags = previewTags(webHtml);
    expect(tags.get("og:title")).toBe(title);
    expect(tags.get("og:description")).toBe("A plain body.");
    expect(webHtml).not.toContain('content="Storm "quoted"');
    expect(webHtml).not.toContain("<script>alert(1)");
  });

  it("is left out of the email itself", async () => {
    // Act
    const { html } = await renderEdition(article(), EDITION_ID, config);

    // Assess
    expect(html).not.toContain("og:image");
    expect(html).not.toContain("twitter:card");
  });
});
