/**
 * Telegram's HTML parse mode, as the Bot API documents it: only its tags (a with href, b/strong,
 * i/em, u/ins, s/strike/del, span class="tg-spoiler", tg-spoiler, code, pre, blockquote, tg-emoji),
 * properly nested; the named entities &lt; &gt; &amp; &quot; and all numeric ones. Returns what the
 * reader sees (limits are counted on it) or the Bot API's "can't parse entities" complaint.
 */

const TAGS = new Set([
  "a",
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "code",
  "pre",
  "blockquote",
  "tg-emoji",
]);
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

const byteOffset = (html: string, index: number) => Buffer.byteLength(html.slice(0, index), "utf8");

function decodeEntity(entity: string): string | undefined {
  const numeric = /^#(x[0-9a-f]+|\d+)$/i.exec(entity);
  if (numeric?.[1]) {
    const digits = numeric[1];
    return String.fromCodePoint(
      digits[0] === "x" || digits[0] === "X" ? Number.parseInt(digits.slice(1), 16) : Number(digits),
    );
  }
  return NAMED[entity];
}

export type ParsedHtml = { ok: true; text: string; links: string[] } | { ok: false; error: string };

/**
 * @example
 * parseTelegramHtml("<b>Q&amp;A</b>");  // { ok: true, text: "Q&A", links: [] }
 * parseTelegramHtml("<p>hi</p>");        // { ok: false, error: 'Bad Request: can\'t parse entities: Unsupported start tag "p" at byte offset 0' }
 */
export function parseTelegramHtml(html: string): ParsedHtml {
  const open: string[] = [];
  const links: string[] = [];
  let text = "";
  const fail = (why: string): ParsedHtml => ({
    ok: false,
    error: `Bad Request: can't parse entities: ${why}`,
  });
  for (let i = 0; i < html.length; ) {
    const ch = html[i] as string;
    if (ch === "&") {
      const end = html.indexOf(";", i);
      const decoded = end > i ? decodeEntity(html.slice(i + 1, end)) : undefined;
      text += decoded ?? "&";
      i = decoded === undefined ? i + 1 : end + 1;
      continue;
    }
    if (ch !== "<") {
      text += ch;
      i++;
      continue;
    }
    const close = html.indexOf(">", i);
    if (close < 0) return fail(`Unclosed start tag at byte offset ${byteOffset(html, i)}`);
    const tag = html.slice(i + 1, close);
    const end = /^\/([a-z-]+)$/.exec(tag);
    if (end) {
      const expected = open.pop();
      if (expected !== end[1])
        return fail(
          `Unmatched end tag at byte offset ${byteOffset(html, i)}, expected "</${expected}>", found "<${tag}>"`,
        );
    } else {
      const start = /^([a-z-]+)(\s+[\s\S]*)?$/.exec(tag);
      const name = start?.[1] ?? "";
      if (!TAGS.has(name))
        return fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(html, i)}`);
      if (name === "a") {
        const href = /^\s+href="([^"]*)"\s*$/.exec(start?.[2] ?? "")?.[1];
        if (href === undefined) return fail(`Can't find href in a tag at byte offset ${byteOffset(html, i)}`);
        links.push(href.replace(/&(#?\w+);/g, (all, e: string) => decodeEntity(e) ?? all));
      }
      open.push(name);
    }
    i = close + 1;
  }
  const unclosed = open.pop();
  if (unclosed) return fail(`Can't find end tag corresponding to start tag "${unclosed}"`);
  return { ok: true, text, links };
}
