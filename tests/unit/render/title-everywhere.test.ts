import { describe, expect, it } from "vitest";
import { composeAll } from "../../../functions/domain/social/compose.js";
import { escapeLittleText } from "../../../functions/domain/social/linkedin.js";
import { escapeHtml } from "../../../functions/domain/text.js";
import { renderBriefing } from "../../../functions/render/briefing.js";
import { renderEdition } from "../../../functions/render/email.js";
import { editionCardInput } from "../../../functions/render/social/edition-card.js";
import { article, config, EDITION_ID } from "./fixtures/article.js";

/**
 * A title is plain text from the source adapters on; each renderer escapes it for its own format,
 * once. These titles break if any renderer takes the title for HTML or escapes it twice.
 */
const TITLES = ["Using the <dialog> element & “popover” in 2025", "Escaping &amp; in HTML, explained"];
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe.each(TITLES)("the title %j", (title) => {
  const story = article({ title, summary: "A summary." });

  it("is the subject as written, and the email's <title>, heading and image alt, escaped once", async () => {
    const { subject, html, text } = await renderEdition(
      { ...story, imageUrl: "https://news.example/a.jpg" },
      EDITION_ID,
      config,
    );
    expect(subject).toBe(title);
    expect(html).toContain(`<title>${escapeHtml(title)}</title>`);
    expect(html).toMatch(new RegExp(`<h1[^>]*>${escapeRegExp(escapeHtml(title))}</h1>`));
    expect(html).toContain(`alt="${escapeHtml(title)}"`);
    expect(html).not.toContain("<dialog>");
    expect(html).not.toContain(escapeHtml(escapeHtml(title)));
    expect(text.split("\n")).toContain(title);
  });

  it("is the web version's <title>, heading and og:title, escaped once", async () => {
    const { webHtml } = await renderEdition(story, EDITION_ID, config);
    expect(webHtml).toContain(`<title>${escapeHtml(title)}</title>`);
    expect(webHtml).toContain(`<meta property="og:title" content="${escapeHtml(title)}" />`);
    expect(count(webHtml, escapeHtml(title))).toBeGreaterThanOrEqual(3);
    expect(webHtml).not.toContain(escapeHtml(escapeHtml(title)));
  });

  it("is in the daily briefing's subject and text as written, and in its HTML escaped once", async () => {
    const item = {
      editionId: EDITION_ID,
      articleId: story.id,
      title,
      url: story.url,
      topics: ["world"],
      publishedAt: story.publishedAt,
    };
    const briefing = await renderBriefing(
      { id: "br_20250215", combo: "world", day: "20250215", sections: [{ topic: "world", items: [item] }] },
      config,
    );
    expect(briefing.subject).toContain(title);
    expect(briefing.text).toContain(title);
    expect(briefing.html).toContain(escapeHtml(title));
    expect(briefing.html).not.toContain("<dialog>");
    expect(briefing.html).not.toContain(escapeHtml(escapeHtml(title)));
  });

  it("is the card's headline as written (the card draws text, it parses no markup)", () => {
    expect(editionCardInput(story, config).headline).toBe(title);
  });

  it("opens every network's post as written; Telegram's HTML escapes it, LinkedIn's little text too", () => {
    const posts = composeAll({ editionId: EDITION_ID, url: story.url, title, topics: ["world"] });
    expect(posts.x.text.startsWith(`${title}\n\n`)).toBe(true);
    expect(posts.bluesky.text.startsWith(`${title}\n\n`)).toBe(true);
    expect(posts.bluesky.external.title).toBe(title);
    expect(posts.mastodon.status.startsWith(`${title}\n\n`)).toBe(true);
    expect(posts.threads.text.startsWith(`${title}\n\n`)).toBe(true);
    expect(posts.facebook.message.startsWith(title)).toBe(true);
    expect(posts.linkedin.commentary.startsWith(escapeLittleText(title))).toBe(true);
    expect(posts.linkedin.article.title).toBe(title);
    expect(posts.telegram.text.startsWith(`<b>${escapeHtml(title)}</b>`)).toBe(true);
  });
});

function escapeRegExp(value: string) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
