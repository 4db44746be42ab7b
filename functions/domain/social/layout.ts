import type { PostParts } from "./source.js";

/**
 * The plain-text shape every network's post shares: title, summary, link, hashtags, in blocks
 * separated by a blank line; empty blocks leave no gap. A network that shows the link elsewhere
 * (a link card, a separate field) passes `link: ""`.
 *
 * @example
 * textBlocks({ title: "Storm", summary: "", hashtags: ["#World"] }, "https://news.example.org/a");
 * // "Storm\n\nhttps://news.example.org/a\n\n#World"
 */
export function textBlocks(parts: PostParts, link: string): string {
  return [parts.title, parts.summary, link, parts.hashtags.join(" ")].filter((b) => b !== "").join("\n\n");
}

/**
 * A length measured block by block, plus the separators. Exact for X's weighted length and for
 * graphemes, neither of which lets a URL, an emoji or a grapheme span a line feed; and far
 * cheaper for twitter-text, whose URL extraction is quadratic in the emoji before a link.
 */
export function blockwise(text: string, measure: (block: string) => number): number {
  const blocks = text.split("\n\n");
  return blocks.reduce((sum, block) => sum + measure(block), 2 * (blocks.length - 1));
}
