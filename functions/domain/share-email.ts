import * as z from "zod";
import { EditionId } from "./edition.js";
import { looksLikeLink } from "./link-like.js";
import { mailboxKey } from "./mailbox.js";
import { EmailAddress } from "./subscriber.js";
import { escapeHtml, neutralizePlaceholders, singleLine } from "./text.js";

/** Share emails one inbox (by {@link mailboxKey}) receives a day, from every reader together. */
export const SHARE_EMAILS_PER_RECIPIENT_PER_DAY = 3;

/** One address per inbox: `bomb@` and `bomb+1@` in one request are one friend. */
function onePerMailbox(to: string[]): string[] {
  const seen = new Set<string>();
  return to.filter((address) => {
    const key = mailboxKey(address);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `POST /v1/share/email`: a reader sends an article to at most five friends, with a short plain-text
 * note. No HTML, no subject of their own, nothing link-like in what they write (bare domains and
 * look-alike dots included): the email cannot carry anything but the article, so it cannot be turned
 * into a relay.
 */
export const ShareEmailRequest = z.object({
  editionId: EditionId,
  to: z.array(EmailAddress).min(1).max(5, "at most 5 recipients").transform(onePerMailbox),
  fromName: z
    .string()
    .max(60)
    .transform(singleLine)
    .refine((n) => n.length > 0, "a name is needed")
    .refine((n) => !looksLikeLink(n) && !n.includes("@"), "a name, not an address or a link"),
  message: z
    .string()
    .max(500)
    .refine((m) => !looksLikeLink(m), "no links in the note: the article's link is added for you")
    .optional(),
});
export type ShareEmailRequest = z.infer<typeof ShareEmailRequest>;

/**
 * The friend's email: fixed wording around the reader's name and note, every outside string escaped.
 * The subject is the newsroom's: a name such as "Your Bank Security Team" at the head of a subject
 * from the newsroom's domain would be a phishing kit, so the reader's name is only in the body.
 */
export function shareEmailContent(
  request: ShareEmailRequest,
  article: { title: string; url: string; summary?: string },
  brand: { name: string; postalAddress: string },
) {
  const name = neutralizePlaceholders(request.fromName);
  const title = neutralizePlaceholders(singleLine(article.title));
  const note = request.message ? neutralizePlaceholders(request.message.trim()) : "";
  const summary = article.summary ? neutralizePlaceholders(singleLine(article.summary)) : "";
  const subject = `A reader shared an article from ${brand.name}: ${title}`.slice(0, 200);
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
