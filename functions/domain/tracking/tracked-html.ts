import { createHash } from "node:crypto";

/**
 * The tracked form of a rendered email, made after rendering (so no template knows about tracking):
 * every `http(s)` link of the HTML part points at Herald's redirect with the recipient's token (a
 * placeholder the mailer fills from each recipient's data) and the link's index, and an open pixel
 * with the same token is added when opens are tracked.
 */

const ANCHOR_HREF = /(<a\b[^>]*?\bhref=)(["'])(https?:\/\/[^"'<>\s]*)\2/gi;

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&quot;": '"',
  "&#39;": "'",
  "&#x27;": "'",
  "&lt;": "<",
  "&gt;": ">",
};
const decodeAttribute = (value: string) =>
  value.replace(/&(?:amp|quot|#39|#x27|lt|gt);/g, (e) => ENTITIES[e] ?? e);

/** The per-recipient data name of the email's tracking token, which every link and the pixel carry. */
export const TRACK_PLACEHOLDER = "trk";

/**
 * The email's own links, each once, in order of first appearance: the list a tracked URL's index
 * points into. Derived from the stored render, so the redirect and the rewrite always agree.
 *
 * @example
 * emailLinks('<a href="https://n.example/a?x=1&amp;y=2">A</a>'); // ["https://n.example/a?x=1&y=2"]
 */
export function emailLinks(html: string): string[] {
  const seen = new Map<string, number>();
  for (const match of html.matchAll(ANCHOR_HREF)) {
    const url = decodeAttribute(match[3] as string);
    if (!seen.has(url)) seen.set(url, seen.size);
  }
  return [...seen.keys()];
}

export interface TrackedHtml {
  html: string;
  /** How many links were rewritten (`/r/{{trk}}.0` … `/r/{{trk}}.{n-1}`). */
  links: number;
  pixel: boolean;
}

/**
 * Rewrites the links (and adds the pixel) of a rendered email for tracking. Links whose `href` is a
 * `{{placeholder}}` (unsubscribe, preferences) are not `http(s)` here and stay untouched: they must
 * work without a detour. `ses:no-track` keeps SES's own click tracking off Herald's links.
 *
 * @example
 * trackedHtml(rendered.html, "https://news.example", { clicks: true, opens: false });
 */
export function trackedHtml(
  html: string,
  publicUrl: string,
  { clicks, opens }: { clicks: boolean; opens: boolean },
): TrackedHtml {
  const links = emailLinks(html);
  const index = new Map(links.map((url, i) => [url, i]));
  let out = html;
  if (clicks) {
    out = out.replace(ANCHOR_HREF, (_all, start: string, quote: string, href: string) => {
      const i = index.get(decodeAttribute(href)) as number;
      return `${start}${quote}${publicUrl}/r/{{${TRACK_PLACEHOLDER}}}.${i}${quote} ses:no-track`;
    });
  }
  if (opens) {
    const pixel = `<img src="${publicUrl}/o/{{${TRACK_PLACEHOLDER}}}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;" />`;
    out = /<\/body>/i.test(out) ? out.replace(/<\/body>/i, `${pixel}</body>`) : `${out}${pixel}`;
  }
  return { html: out, links: clicks ? links.length : 0, pixel: opens };
}

/**
 * A link's key in the counters: a short hash of its URL, so the same story linked from two
 * briefing variants (different link lists) counts as one link.
 *
 * @example
 * linkKey("https://n.example/a"); // "Yb3c…" (16 URL-safe characters)
 */
export const linkKey = (url: string) => createHash("sha256").update(url).digest("base64url").slice(0, 16);
