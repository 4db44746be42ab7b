import { compile } from "html-to-text";
import { neutralizePlaceholders } from "../domain/text.js";
import type { ShareLink } from "./share-links.js";

/**
 * The plain-text part: what text-only clients, screen readers in some setups and spam filters read.
 * It carries the same content and the same compliance footer as the HTML.
 */

/** Compiled once: html-to-text's option processing costs more than converting a short body. */
const convert = compile({
  wordwrap: 78,
  selectors: [
    { selector: "img", format: "skip" },
    { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
    ...["h2", "h3", "h4"].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: "table", format: "dataTable" },
  ],
});

/**
 * Text of sanitized body HTML. Entities are decoded here, so `&#123;&#123;` would become `{{`
 * again: the result is neutralized once more.
 */
export function htmlToPlainText(html: string): string {
  return neutralizePlaceholders(convert(html));
}

/** Everything of the plain-text part except the placeholders, already neutralized. */
export interface PlainTextParts {
  title: string;
  author?: string;
  summary?: string;
  bodyText: string;
  articleUrl: string;
  /** The body is an excerpt: point at the rest. */
  truncated: boolean;
  shareLinks: readonly ShareLink[];
  brandName: string;
  postalAddress: string;
}

/**
 * @example
 * plainTextPart({ title: "Hello", bodyText: "Body.", articleUrl: "https://news.example/a", truncated: false,
 *   shareLinks: [], brandName: "Daily", postalAddress: "1 Main St" });
 * // "Hello\n\nBody.\n\nRead more: https://news.example/a\n\n…Unsubscribe: {{unsubscribeUrl}}…"
 */
export function plainTextPart(p: PlainTextParts): string {
  const blocks = [
    [p.title, p.author ? `By ${p.author}` : ""].filter(Boolean).join("\n"),
    p.summary ?? "",
    p.bodyText,
    p.truncated ? `Continue reading: ${p.articleUrl}` : `Read more: ${p.articleUrl}`,
    p.shareLinks.length
      ? ["Spread the News:", ...p.shareLinks.map((l) => `${l.label}: ${l.url}`)].join("\n")
      : "",
    [
      "--",
      `You receive this because you subscribed to ${p.brandName}.`,
      "Unsubscribe: {{unsubscribeUrl}}",
      "Preferences: {{preferencesUrl}}",
      p.postalAddress,
    ].join("\n"),
  ];
  return `${blocks.filter((b) => b.trim() !== "").join("\n\n")}\n`;
}
