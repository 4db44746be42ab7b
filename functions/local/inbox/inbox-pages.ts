import { escapeHtml } from "../../domain/text.js";
import type { StoredEmail } from "./stored-emails.js";

/** How many emails the list shows: the newest; a kept inbox can hold tens of thousands. */
export const LISTED = 200;

/**
 * Headers, CSP included, for the local inbox's pages: no script anywhere; the email's own HTML is
 * shown in a sandboxed `srcdoc` frame, which inherits this policy, so its styles and images load
 * and nothing in it runs.
 */
export const INBOX_HEADERS = {
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src http: https: data:; font-src https: data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "cache-control": "no-store",
};

const when = (at: number) => new Date(at * 1000).toISOString().replace("T", " ").slice(0, 19);

function shell(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Herald local inbox</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1000px;padding:16px;color:#1c1c1c;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #ddd}
pre{white-space:pre-wrap;background:#f4f4f2;padding:12px;font-size:13px}
iframe{width:375px;max-width:100%;height:720px;border:1px solid #999;background:#fff}
a{color:#1a4d8f}a:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
</style></head><body><main>${body}</main></body></html>`;
}

/**
 * The list of received emails, newest first: when, to whom, the subject as a link to the email.
 *
 * @example
 * c.html(inboxListPage(receivedEmails()), 200, INBOX_HEADERS);
 */
export function inboxListPage(emails: StoredEmail[]): string {
  const rows = emails
    .slice(0, LISTED)
    .map(
      (e) =>
        `<tr><td>${when(e.at)}</td><td>${escapeHtml(e.destination.to.join(", "))}</td><td><a href="/local/inbox/${encodeURIComponent(e.messageId)}">${escapeHtml(e.subject || "(no subject)")}</a></td></tr>`,
    )
    .join("");
  const shown = emails.length > LISTED ? `the newest ${LISTED} of ${emails.length}` : String(emails.length);
  return shell(
    "Inbox",
    `<h1>Local inbox</h1><p>What the SES stand-in received (${shown}). Kept under the data folder; local only, never deployed.</p>
${rows ? `<table><thead><tr><th scope="col">Received (UTC)</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead><tbody>${rows}</tbody></table>` : "<p>No emails yet.</p>"}`,
  );
}

/**
 * One email: its headers (List-Unsubscribe and the rest), the HTML part at phone width in a
 * sandboxed frame, the text part and the raw message. Everything in it is escaped.
 *
 * @example
 * c.html(inboxEmailPage(email, await rawMessage(email.messageId)), 200, INBOX_HEADERS);
 */
export function inboxEmailPage(email: StoredEmail, raw: string | undefined): string {
  const headers: Array<[string, string]> = [
    ["From", email.from],
    ["To", email.destination.to.join(", ")],
    ...(email.replyTo?.length ? [["Reply-To", email.replyTo.join(", ")] as [string, string]] : []),
    ["Subject", email.subject],
    ["Received", `${when(email.at)} UTC`],
    ...(email.headers ?? []).map((h): [string, string] => [h.name, h.value]),
  ];
  const table = headers
    .map(([name, value]) => `<tr><th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join("");
  const html = email.body.html
    ? `<iframe title="The HTML part at 375 px" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(email.body.html)}"></iframe>`
    : "<p>No HTML part.</p>";
  return shell(
    email.subject || "(no subject)",
    `<p><a href="/local/inbox">← All emails</a></p><h1>${escapeHtml(email.subject || "(no subject)")}</h1>
<h2>Headers</h2><table><tbody>${table}</tbody></table>
<h2>HTML part, at phone width</h2>${html}
<h2>Text part</h2>${email.body.text ? `<pre>${escapeHtml(email.body.text)}</pre>` : "<p>No text part.</p>"}
<h2>Raw message</h2><p>As the stand-in composes it (SES adds its own Received, DKIM and Message-ID headers). <a href="/local/inbox/${encodeURIComponent(email.messageId)}/raw">Download</a></p>
${raw === undefined ? "<p>Not available.</p>" : `<details><summary>Show the raw message</summary><pre>${escapeHtml(raw)}</pre></details>`}`,
  );
}
