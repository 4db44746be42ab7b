import { escapeHtml } from "../domain/text.js";

/**
 * An editor's test send is the stored edition with two changes, made on the rendered email (the API
 * sends it, and MJML stays in the renderer): a banner that says it is a test, and no recipient
 * links. An editor's proof belongs to no subscription, so an unsubscribe or preference link in it
 * could only point somewhere that does nothing; the footer says where readers find theirs instead.
 */

const BANNER_SLOT = /<!--herald:test-banner-->[\s\S]*?<!--\/herald:test-banner-->/;
const PERSONAL_BLOCK = /<!--herald:personal-->[\s\S]*?<!--\/herald:personal-->/g;
const BODY_OPEN = /<body[^>]*>/i;
/** The text part's subscription lines: the notice and the two per-recipient links. */
const PERSONAL_LINE = /^(You receive this because you subscribed\b.*|.*\{\{\w+\}\}.*)\n?/gm;

const FONT = "font-family:Helvetica, Arial, sans-serif;";
const NOTE = "Readers receive this edition with their own unsubscribe and preference links here.";

/** What the banner says, in both parts. */
export const TEST_BANNER_TEXT = "TEST SEND: a proof for editors. Readers do not receive this copy.";

/**
 * @example
 * const copy = testCopy(rendered);
 * copy.html.includes("TEST SEND"); // true
 * copy.html.includes("{{");        // false: nothing for SES to fill, no link that lies
 */
export function testCopy(rendered: { html: string; text: string }): { html: string; text: string } {
  const banner = `<tr><td style="padding:12px 24px;background-color:#fef3c7;border:2px solid #b45309;${FONT}font-size:15px;line-height:1.5;color:#78350f;"><strong>${escapeHtml(TEST_BANNER_TEXT)}</strong></td></tr>`;
  const footer = `<tr><td align="center" style="padding:0 24px 12px;${FONT}font-size:13px;line-height:1.6;color:#4b5563;">${escapeHtml(NOTE)}</td></tr>`;
  let html = rendered.html.replace(PERSONAL_BLOCK, footer);
  html = BANNER_SLOT.test(html)
    ? html.replace(BANNER_SLOT, banner)
    : // Renders stored before the banner slot existed: a banner of its own at the top.
      html.replace(BODY_OPEN, (open) => `${open}<table role="presentation" width="100%">${banner}</table>`);
  const text = rendered.text.replace(PERSONAL_LINE, "");
  // The footer is the last "--" block: the note goes at its head, where the links were.
  const footerAt = text.lastIndexOf("\n--\n");
  const withNote = footerAt < 0 ? text : `${text.slice(0, footerAt + 4)}${NOTE}\n${text.slice(footerAt + 4)}`;
  return { html, text: `${TEST_BANNER_TEXT}\n\n${withNote}` };
}
