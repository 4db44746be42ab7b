import { parseXml } from "./xml.js";

/**
 * Feed readers do not drop a whole feed for one bad item. Herald reads a document that is not
 * well-formed the same way: first with its bare `&`s taken as text (the commonest fault: a query
 * string pasted into a link), then, if it is still broken, item by item, so one broken item costs
 * that item and nothing else. A document cut off before its root closes is still refused: the rest
 * of it is not there, and the next poll will read it whole.
 */

type Doc = Record<string, unknown>;

export type ItemPiece = { ok: true; doc: Doc } | { ok: false; error: string; guidHint?: string };

export type FeedDocument =
  | {
      ok: true;
      /** The whole document; with `pieces`, the document without its items (channel or feed only). */
      doc: Doc;
      /** Each item in a document of its own, in document order, when the feed was read item by item. */
      pieces?: ItemPiece[];
      /** What was not well-formed and how it was read anyway. */
      repairs: string[];
    }
  | { ok: false; error: string };

const BARE_AMPERSAND = /&(?!(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z_][\w.-]*);)/g;
const VERBATIM = /(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/;

/**
 * Every `&` that starts no character or entity reference as `&amp;`, outside CDATA and comments.
 *
 * @example
 * escapeBareAmpersands("<link>https://x.example/?a=1&b=2</link>"); // "<link>https://x.example/?a=1&amp;b=2</link>"
 */
export function escapeBareAmpersands(xml: string): string {
  return xml
    .split(VERBATIM)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(BARE_AMPERSAND, "&amp;")))
    .join("");
}

const ITEM_TAG =
  /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(\/?)((?:[\w.-]+:)?(?:item|entry))(?=[\s>/])[^>]*?(\/?)>/g;
const CLOSED_ROOT = /<\/(?:[\w.-]+:)?(?:rss|feed|RDF)\s*>(?:\s|<!--[\s\S]*?-->)*$/;

/** Start and end offsets of each `<item>` / `<entry>` element; undefined when they do not pair up. */
function itemSpans(xml: string): Array<[number, number]> | undefined {
  const spans: Array<[number, number]> = [];
  let open: { at: number; name: string } | undefined;
  for (const match of xml.matchAll(ITEM_TAG)) {
    const [whole, slash, name, selfClosing] = match;
    if (name === undefined || selfClosing) continue;
    if (!slash) {
      if (open) return undefined;
      open = { at: match.index, name };
    } else {
      if (!open || open.name !== name) return undefined;
      spans.push([open.at, match.index + whole.length]);
      open = undefined;
    }
  }
  return open ? undefined : spans;
}

/** Strictly, else with bare ampersands as text. */
function leniently(xml: string): { ok: true; doc: Doc } | { ok: false; error: string } {
  const strict = parseXml(xml);
  if (strict.ok) return strict;
  const repaired = parseXml(escapeBareAmpersands(xml));
  return repaired.ok ? repaired : strict;
}

const guidHint = (item: string) =>
  /<(?:guid|id|link)\b[^>]*>\s*(?:<!\[CDATA\[)?\s*([^<\]\s]{1,300})/.exec(item)?.[1];

/**
 * The document as objects, repaired or read item by item where it is not well-formed.
 *
 * @example
 * const read = readFeedDocument(body);
 * if (read.ok && read.repairs.length > 0) log.warn("feed is not well-formed", { repairs: read.repairs });
 */
export function readFeedDocument(xml: string): FeedDocument {
  const strict = parseXml(xml);
  if (strict.ok) return { ...strict, repairs: [] };
  const ampersands = parseXml(escapeBareAmpersands(xml));
  if (ampersands.ok) {
    return { ...ampersands, repairs: [`unescaped "&" read as text; ${strict.error}`] };
  }
  const spans = CLOSED_ROOT.test(xml) ? itemSpans(xml) : undefined;
  if (!spans || spans.length === 0) return strict;
  let skeleton = "";
  let last = 0;
  const at: number[] = [];
  for (const [start, end] of spans) {
    skeleton += xml.slice(last, start);
    at.push(skeleton.length);
    last = end;
  }
  skeleton += xml.slice(last);
  const frame = leniently(skeleton);
  if (!frame.ok) return strict;
  const pieces = spans.map(([start, end], i): ItemPiece => {
    const item = xml.slice(start, end);
    const offset = at[i] as number;
    const alone = leniently(`${skeleton.slice(0, offset)}${item}${skeleton.slice(offset)}`);
    if (alone.ok) return alone;
    // The line would be one of the item-alone document, not of the feed.
    return { ok: false, error: alone.error.replace(/ \(line \d+\)/, ""), guidHint: guidHint(item) };
  });
  const broken = pieces.filter((p) => !p.ok).length;
  return {
    ok: true,
    doc: frame.doc,
    pieces,
    repairs: [`read item by item, ${broken} of ${pieces.length} items not well-formed; ${strict.error}`],
  };
}
