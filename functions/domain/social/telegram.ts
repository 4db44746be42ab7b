import * as z from "zod";
import { escapeHtml } from "../text.js";
import { displayUrl, fitParts } from "./fit.js";
import { socialUrl } from "./network.js";
import { type PostParts, type PostSource, postParts } from "./source.js";

/** Bot API limits, "after entities parsing": what the reader sees, not the markup. */
export const TELEGRAM_MAX_CAPTION = 1024;
export const TELEGRAM_MAX_TEXT = 4096;
const MAX_LINK_SHOWN = 150;

/**
 * `sendPhoto` caption (with the card) and `sendMessage` text (the fallback without it), both for
 * `parse_mode: "HTML"`. HTML rather than MarkdownV2: it needs three characters escaped instead of
 * eighteen, and the same `escapeHtml` that guards the email does it.
 */
export const TelegramPost = z.object({
  network: z.literal("telegram"),
  parseMode: z.literal("HTML"),
  caption: z.string(),
  text: z.string().min(1),
});
export type TelegramPost = z.infer<typeof TelegramPost>;

/** The same blocks twice: as the reader sees them (to count) and as Telegram HTML (to send). */
function render(p: PostParts, url: string, shown: string): { visible: string; html: string } {
  const blocks: Array<[string, string]> = [
    [p.title, `<b>${escapeHtml(p.title)}</b>`],
    [p.summary, escapeHtml(p.summary)],
    [shown, `<a href="${escapeHtml(url)}">${escapeHtml(shown)}</a>`],
    [p.hashtags.join(" "), escapeHtml(p.hashtags.join(" "))],
  ];
  const kept = blocks.filter(([visible]) => visible !== "");
  return { visible: kept.map(([v]) => v).join("\n\n"), html: kept.map(([, h]) => h).join("\n\n") };
}

/**
 * Telegram counts UTF-16 units (its entity offsets are in them); that is never less than characters.
 *
 * @example
 * composeTelegram({ editionId: "ed_1", url: "https://news.example.org/a", title: "Q&A <live>", topics: [] });
 * // { …, caption: '<b>Q&amp;A &lt;live&gt;</b>\n\n<a href="https://…?utm_source=telegram…">https://…</a>' }
 */
export function composeTelegram(source: PostSource): TelegramPost {
  const url = socialUrl(source.url, "telegram", source.editionId);
  const shown = displayUrl(url, MAX_LINK_SHOWN);
  const full = postParts(source);
  const fitTo = (max: number) =>
    render(
      fitParts(full, { fits: (p) => render(p, url, shown).visible.length <= max, maxGraphemes: max }),
      url,
      shown,
    ).html;
  return TelegramPost.parse({
    network: "telegram",
    parseMode: "HTML",
    caption: fitTo(TELEGRAM_MAX_CAPTION),
    text: fitTo(TELEGRAM_MAX_TEXT),
  });
}
