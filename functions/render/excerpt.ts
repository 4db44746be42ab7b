import { escapeHtml } from "../domain/text.js";
import { htmlToPlainText } from "./plain-text.js";

/**
 * Shortening copy to fit: an email body must stay under Gmail's clipping size, a preheader under
 * what inboxes show. Cuts fall between whole top-level blocks where possible, so the excerpt is
 * still well-formed HTML; between words otherwise.
 */

export interface Excerpt {
  html: string;
  /** Something was left out. */
  truncated: boolean;
}

const encoder = new TextEncoder();
const ELLIPSIS = "…";
// Sanitized HTML has quoted, escaped attribute values, so no ">" occurs inside a tag.
const TAG = /<(\/?)([a-z][a-z0-9]*)\b[^>]*>/g;
const VOID_TAGS = new Set(["br", "hr", "img"]);

/**
 * The leading top-level blocks of sanitized `html` that fit in `maxBytes` (UTF-8).
 *
 * @example
 * excerptHtml("<p>One</p><p>Two</p>", 12); // { html: "<p>One</p>", truncated: true }
 */
export function excerptHtml(html: string, maxBytes: number): Excerpt {
  if (encoder.encode(html).length <= maxBytes) return { html, truncated: false };
  let depth = 0;
  let cut = 0;
  let bytes = 0;
  for (const match of html.matchAll(TAG)) {
    const [tag, closing, name = ""] = match;
    if (!VOID_TAGS.has(name)) depth += closing ? -1 : 1;
    if (depth !== 0) continue;
    const end = match.index + tag.length;
    bytes += encoder.encode(html.slice(cut, end)).length;
    if (bytes > maxBytes) break;
    cut = end;
  }
  if (cut > 0) return { html: html.slice(0, cut), truncated: true };
  return { html: textExcerpt(html, maxBytes), truncated: true };
}

/** When not even the first block fits: its words, as one paragraph. */
function textExcerpt(html: string, maxBytes: number): string {
  const room = maxBytes - "<p></p>".length;
  const text = htmlToPlainText(html).replace(/\s+/g, " ");
  // Escaping grows the text by a varying amount ("&" takes five bytes), so shrink until it fits.
  for (let limit = room; limit > 0; ) {
    const escaped = escapeHtml(truncateToBytes(text, limit));
    const over = encoder.encode(escaped).length - room;
    if (over <= 0) return `<p>${escaped}</p>`;
    limit -= over;
  }
  return "";
}

/** At most `maxBytes` of UTF-8, ending at a word boundary with an ellipsis when cut. */
export function truncateToBytes(text: string, maxBytes: number): string {
  if (encoder.encode(text).length <= maxBytes) return text;
  const buffer = new Uint8Array(Math.max(0, maxBytes - encoder.encode(ELLIPSIS).length));
  const { read } = encoder.encodeInto(text, buffer);
  return withEllipsis(text.slice(0, read));
}

/**
 * At most `maxChars` characters (code points), for a preheader or a teaser.
 *
 * @example
 * truncateText("The quick brown fox", 12); // "The quick…"
 */
export function truncateText(text: string, maxChars: number): string {
  const chars = [...text];
  if (chars.length <= maxChars) return text;
  return withEllipsis(chars.slice(0, maxChars - 1).join(""));
}

function withEllipsis(cut: string): string {
  const lastSpace = cut.lastIndexOf(" ");
  // Back up to a word boundary unless that would throw away most of the text (one long word).
  const words = lastSpace > cut.length * 0.6 ? cut.slice(0, lastSpace) : cut;
  return `${words.trimEnd()}${ELLIPSIS}`;
}
