import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SHARE_NETWORKS } from "../../../functions/domain/share.js";
import { GMAIL_CLIP_BYTES, renderEdition } from "../../../functions/render/email.js";
import { templatesDir } from "../../../functions/render/templates-dir.js";
import { article, config, EDITION_ID, seedArticle } from "./fixtures/article.js";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
/** What is left of `{{` once the two sanctioned placeholders are taken out. */
const foreignPlaceholders = (s: string) =>
  s.replace(/\{\{(unsubscribeUrl|preferencesUrl)\}\}/g, "").match(/.{0,10}\{\{.{0,20}/g) ?? [];

const HOSTILE = "{{unsubscribeUrl}} {{{evil}}} {{preferencesUrl}}";

describe("renderEdition with hostile article content", () => {
  const hostile = article({
    title: `Storm <script>alert(1)</script> ${HOSTILE}\r\nBcc: victim@evil.example`,
    summary: `Summary <img src=x onerror=alert(1)> ${HOSTILE}`,
    bodyHtml: [
      "<script>alert(1)</script>",
      "<p>Before <img src=x onerror=alert(1)> after</p>",
      '<p><a href="javascript:alert(1)">click</a> <a href="JaVaScRiPt&colon;alert(1)">again</a></p>',
      `<p>${HOSTILE} &#123;&#123;unsubscribeUrl&#125;&#125;</p>`,
      '<a href="https://x.example/?q={{unsubscribeUrl}}">query</a>',
    ].join(""),
  });

  it("keeps the subject to one line without placeholders", async () => {
    // Act
    const { subject } = await renderEdition(hostile, EDITION_ID, config);

    // Assess
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toContain("Storm");
    expect(subject).not.toContain("{{");
  });

  it("leaves no script, event handler or javascript: URL in html and webHtml", async () => {
    // Act
    const { html, webHtml } = await renderEdition(hostile, EDITION_ID, config);

    // Assess
    for (const page of [html, webHtml]) {
      expect(page).not.toMatch(/<script/i);
      // An attribute of a tag: the summary's "<img … onerror=…>" is shown as text, escaped (also
      // inside the web version's og:description value, which is why quoted values are skipped).
      expect(page).not.toMatch(/<[a-z](?:[^>"']|"[^"]*"|'[^']*')*\son[a-z]+\s*=/i);
      expect(page).not.toMatch(/javascript:/i);
      expect(page).toContain("Storm &lt;script&gt;alert(1)&lt;/script&gt;");
    }
  });

  it("leaves only the two sanctioned placeholders in html and text, none in webHtml", async () => {
    // Act
    const rendered = await renderEdition(hostile, EDITION_ID, config);

    // Assess
    expect(foreignPlaceholders(rendered.html)).toEqual([]);
    expect(foreignPlaceholders(rendered.text)).toEqual([]);
    expect(rendered.preheader).not.toContain("{{");
    expect(rendered.webHtml).not.toContain("{{");
    for (const part of [rendered.html, rendered.text]) {
      expect(count(part, "{{unsubscribeUrl}}")).toBe(1);
      expect(count(part, "{{preferencesUrl}}")).toBe(1);
    }
  });
  it("shows template syntax in article text literally instead of expanding it", async () => {
    // Prepare
    const sneaky = article({ title: "Title [[bodyHtml]]", summary: "[[#breaking]]x[[/breaking]]" });

    // Act
    const { html, text } = await renderEdition(sneaky, EDITION_ID, config);

    // Assess
    expect(html).toContain("Title [[bodyHtml]]</h1>");
    expect(html).toContain("[[#breaking]]x[[/breaking]]");
    expect(text).toContain("Title [[bodyHtml]]");
  });
});

describe("renderEdition layout", () => {
  it("links every share network through Herald's share endpoint, in html, text and webHtml", async () => {
    // Act
    const { html, text, webHtml } = await renderEdition(article(), EDITION_ID, config);

    // Assess
    expect(html).toContain("Spread the News");
    for (const { id } of SHARE_NETWORKS) {
      const url = `https://herald.example/v1/share/${EDITION_ID}/${id}`;
      expect(html).toContain(`href="${url}"`);
      expect(webHtml).toContain(`href="${url}"`);
      expect(text).toContain(url);
    }
    expect(SHARE_NETWORKS.map((n) => n.id)).toEqual([
      "x",
      "bluesky",
      "facebook",
      "linkedin",
      "whatsapp",
      "telegram",
      "reddit",
      "email",
    ]);
  });

  it("has a footer with both personal links once and the postal address", async () => {
    // Act
    const { html, text } = await renderEdition(article(), EDITION_ID, config);

    // Assess
    expect(count(html, 'href="{{unsubscribeUrl}}"')).toBe(1);
    expect(count(html, 'href="{{preferencesUrl}}"')).toBe(1);
    expect(html).toContain("12 Press Row<br />Munich 80331, Germany");
    expect(count(text, "Unsubscribe: {{unsubscribeUrl}}")).toBe(1);
    expect(count(text, "Preferences: {{preferencesUrl}}")).toBe(1);
    expect(text).toContain("12 Press Row\nMunich 80331, Germany");
    expect(html).toMatch(
      /<!--herald:personal-->[\s\S]*\{\{unsubscribeUrl\}\}[\s\S]*<!--\/herald:personal-->/,
    );
  });

  it("gives a web version that is a full page without personal links or inbox-only blocks", async () => {
    // Act
    const { webHtml } = await renderEdition(article(), EDITION_ID, config);

    // Assess
    expect(webHtml).toMatch(/^<!doctype html>/i);
    expect(webHtml).toContain('<html lang="en"');
    expect(webHtml).toContain("</html>");
    expect(webHtml).toContain("A plain body.");
    expect(webHtml).toContain("12 Press Row");
    expect(webHtml).not.toContain("{{");
    expect(webHtml).not.toContain("Unsubscribe");
    expect(webHtml).not.toContain("View in browser");
    expect(webHtml).not.toContain("herald:");
  });

  it("is accessible: language, alt text on the lead image, a hidden preheader", async () => {
    // Prepare
    const withImage = article({ imageUrl: "https://news.example/lead.jpg", summary: "Short teaser." });

    // Act
    const { html } = await renderEdition(withImage, EDITION_ID, config);

    // Assess
    expect(html).toContain('<html lang="en"');
    expect(html).toMatch(/<img\s+alt="A plain title" src="https:\/\/news\.example\/lead\.jpg"/);
    expect(html).toMatch(/<div style="display:none;[^"]*">Short teaser\./);
  });

  it("prefixes breaking news in the subject and takes the preheader from the body without a summary", async () => {
    // Prepare
    const breaking = article({
      breaking: true,
      summary: undefined,
      bodyHtml: `<p>${"Word ".repeat(100)}</p>`,
    });

    // Act
    const { subject, preheader } = await renderEdition(breaking, EDITION_ID, config);

    // Assess
    expect(subject).toBe("Breaking: A plain title");
    expect(preheader.startsWith("Word Word")).toBe(true);
    expect([...preheader].length).toBeLessThanOrEqual(150);
    expect(preheader.endsWith("…")).toBe(true);
  });
});

describe("renderEdition size limit", () => {
  it("cuts a 400 KB body to an excerpt under Gmail's clip size, with a continue-reading link", async () => {
    // Prepare
    const paragraph = `<p>${"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(8)}</p>`;
    const huge = article({ bodyHtml: paragraph.repeat(Math.ceil(400_000 / paragraph.length)) });
    expect(bytes(huge.bodyHtml ?? "")).toBeGreaterThan(400_000);

    // Act
    const { html, text } = await renderEdition(huge, EDITION_ID, config);

    // Assess
    expect(bytes(html)).toBeLessThan(GMAIL_CLIP_BYTES);
    expect(html).toMatch(/<a href="https:\/\/news\.example\/2025\/02\/story"[^>]*>Continue reading/);
    expect(text).toContain("Continue reading: https://news.example/2025/02/story");
    expect(count(html, "{{unsubscribeUrl}}")).toBe(1);
    expect(html).toContain("12 Press Row");
  });

  it("stays under the clip size when the body is one enormous paragraph of multi-byte text", async () => {
    // Prepare
    const huge = article({ bodyHtml: `<p>${"Ünïcödé & “quotes” ".repeat(20_000)}</p>` });

    // Act
    const { html } = await renderEdition(huge, EDITION_ID, config);

    // Assess
    expect(bytes(html)).toBeLessThan(GMAIL_CLIP_BYTES);
    expect(html).toContain("Ünïcödé &amp; “quotes”");
    expect(html).toContain("Continue reading");
  });
});

describe("renderEdition with the seed article", () => {
  it("renders the whole article with its title as the subject", async () => {
    // Prepare
    const seed = seedArticle();

    // Act
    const rendered = await renderEdition(seed, EDITION_ID, config);

    // Assess
    expect(rendered.subject).toBe(
      "US Seeks European Input on Ukraine Security Guarantees Amid Shifting Alliances",
    );
    expect(rendered.preheader.startsWith("The U.S. asks European allies")).toBe(true);
    expect(rendered.html).toContain("<h2>What’s Next</h2>");
    expect(rendered.html).toContain("By Oshadhi Gimesha");
    expect(rendered.html).not.toContain("Continue reading");
    expect(rendered.text.replace(/\s+/g, " ")).toContain("MUNICH — The United States has reached out");
    expect(bytes(rendered.html)).toBeLessThan(GMAIL_CLIP_BYTES);
  });
});

describe("renderEdition template lookup", () => {
  it("finds the templates next to the sources and accepts another directory", async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), "herald-templates-"));
    await cp(templatesDir(), dir, { recursive: true });
    const main = join(dir, "article.mjml");
    await writeFile(main, (await readFile(main, "utf8")).replace("Read more", "Read the whole story"));

    // Act
    const { html } = await renderEdition(article(), EDITION_ID, config, { templatesDir: dir });

    // Assess
    expect(html).toContain("Read the whole story");
  });
});
