import * as z from "zod";
import { EditionId } from "./edition.js";
import { EmailAddress } from "./subscriber.js";
import { escapeHtml, neutralizePlaceholders, singleLine } from "./text.js";

/** Anything that would turn a note into a link: the one thing a spammer needs and a reader does not. */
const LINK = /(https?:|www\.|[a-z0-9-]+\.(com|net|org|ru|info|biz|xyz|top|io|co)\b)/i;

/**
 * `POST /v1/share/email`: a reader sends an article to at most five friends, with a short plain-text
 * note. No HTML, no subject of their own, no links in what they write: the email cannot carry
 * anything but the article, so it cannot be turned into a relay.
 */
export const ShareEmailRequest = z.object({
  editionId: EditionId,
  to: z
    .array(EmailAddress)
    .min(1)
    .max(5, "at most 5 recipients")
    .transform((to) => [...new Set(to)]),
  fromName: z
    .string()
    .max(60)
    .transform(singleLine)
    .refine((n) => n.length > 0, "a name is needed")
    .refine((n) => !LINK.test(n) && !n.includes("@"), "a name, not an address or a link"),
  message: z
    .string()
    .max(500)
    .refine((m) => !LINK.test(m), "no links in the note: the article's link is added for you")
    .optional(),
});
export type ShareEmailRequest = z.infer<typeof ShareEmailRequest>;

/** The friend's email: fixed wording around the reader's name and note, every outside string escaped. */
export function shareEmailContent(
  request: ShareEmailRequest,
  article: { title: string; url: string; summary?: string },
  brand: { name: string; postalAddress: string },
) {
  const name = neutralizePlaceholders(request.fromName);
  const title = neutralizePlaceholders(singleLine(article.title));
  const note = request.message ? neutralizePlaceholders(request.message.trim()) : "";
  const summary = article.summary ? neutralizePlaceholders(singleLine(article.summary)) : "";
  const subject = `${name} shared an article with you: ${title}`.slice(0, 200);
  const text = [
    `${name} thought you would like this article from ${brand.name}:`,
    "",
    title,
    summary,
    article.url,
    ...(note ? ["", `${name} wrote:`, note] : []),
    "",
    "--",
    `You received this because ${name} entered your address on ${brand.name}. We keep no list of it.`,
    brand.postalAddress,
  ].join("\n");
  const p = (s: string) => `<p>${escapeHtml(s).replace(/\n/g, "<br>")}</p>`;
  const html = [
    `<!doctype html><html lang="en"><body style="font-family:Helvetica,Arial,sans-serif;color:#1f2937">`,
    p(`${name} thought you would like this article from ${brand.name}:`),
    `<p><a href="${escapeHtml(article.url)}"><strong>${escapeHtml(title)}</strong></a></p>`,
    summary ? p(summary) : "",
    note ? `${p(`${name} wrote:`)}<blockquote>${p(note)}</blockquote>` : "",
    `<p style="font-size:13px;color:#4b5563">${escapeHtml(`You received this because ${name} entered your address on ${brand.name}. We keep no list of it.`)}<br>${escapeHtml(brand.postalAddress).replace(/\n/g, "<br>")}</p>`,
    "</body></html>",
  ].join("");
  return { subject, text, html };
}
