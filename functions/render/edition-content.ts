import type { Article } from "../domain/article.js";
import type { Config } from "../domain/config.js";
import { shownImageUrl } from "../domain/image-url.js";
import { escapeHtml, neutralizePlaceholders, singleLine } from "../domain/text.js";
import { linkColorOnWhite, textColorOn } from "./colors.js";
import { excerptHtml, truncateText } from "./excerpt.js";
import { htmlToPlainText } from "./plain-text.js";
import { type ShareLink, shareLinks, shareLinksHtml } from "./share-links.js";
import type { TemplateValues } from "./template.js";
import { inertUrl } from "./urls.js";

/**
 * What an edition says, worked out once from the article and the newsroom's configuration, before
 * any markup: every piece of outside text is made single-line where it must be, placeholder-inert,
 * and (for the template) HTML-escaped here, so the template and the text part only arrange it.
 */

/** Inboxes show about this much of a preheader; more only adds bytes. */
const PREHEADER_MAX_CHARS = 150;

export interface EditionContent {
  subject: string;
  preheader: string;
  /** Plain-text pieces, neutralized but not escaped. */
  title: string;
  author?: string;
  summary?: string;
  articleUrl: string;
  /** The edition's social card, served by the API: the web version's og:image. */
  cardUrl: string;
  brandName: string;
  postalAddress: string;
  shareLinks: ShareLink[];
  /** Template values for everything but the body, which depends on the size budget. */
  values: TemplateValues;
}

const inert = neutralizePlaceholders;

/** The start of the body is enough to fill a preheader; converting all of it would be waste. */
function bodyOpening(sanitizedBody: string): string {
  return htmlToPlainText(excerptHtml(sanitizedBody, 4096).html).replace(/\s+/g, " ").trim();
}

/**
 * @example
 * const content = editionContent(article, "ed_abc", config, sanitizedBody);
 * content.subject; // "Breaking: Storm closes the bridge"
 */
export function editionContent(
  article: Article,
  editionId: string,
  config: Config,
  sanitizedBody: string,
): EditionContent {
  const title = inert(singleLine(article.title));
  const author = article.author ? inert(singleLine(article.author)) : undefined;
  const summary = article.summary ? inert(singleLine(article.summary)) : undefined;
  const preheader = truncateText(summary || bodyOpening(sanitizedBody), PREHEADER_MAX_CHARS);
  const articleUrl = inertUrl(article.url);
  const { brand } = config;
  const brandName = inert(singleLine(brand.name));
  const postalLines = brand.postalAddress.split(/\r?\n/).map((line) => inert(line.trim()));
  const links = shareLinks(config.publicUrl, editionId);
  const linkColor = linkColorOnWhite(brand.accentColor);
  const imageUrl = article.imageUrl && shownImageUrl(article.imageUrl);
  return {
    subject: `${article.breaking ? "Breaking: " : ""}${title}`,
    preheader,
    title,
    author,
    summary,
    articleUrl,
    cardUrl: inertUrl(`${config.publicUrl}/v1/editions/${encodeURIComponent(editionId)}/card.png`),
    brandName,
    postalAddress: postalLines.join("\n"),
    shareLinks: links,
    values: {
      title: escapeHtml(title),
      preheader: escapeHtml(preheader),
      author: author ? escapeHtml(author) : "",
      summary: summary ? escapeHtml(summary) : "",
      breaking: article.breaking,
      imageUrl: imageUrl ? escapeHtml(inertUrl(imageUrl)) : "",
      articleUrl: escapeHtml(articleUrl),
      webUrl: escapeHtml(inertUrl(`${config.publicUrl}/v1/editions/${encodeURIComponent(editionId)}/web`)),
      brandName: escapeHtml(brandName),
      postalAddress: postalLines.map(escapeHtml).join("<br />"),
      accent: brand.accentColor,
      onAccent: textColorOn(brand.accentColor),
      linkColor,
      shareLinks: shareLinksHtml(links, linkColor),
    },
  };
}
