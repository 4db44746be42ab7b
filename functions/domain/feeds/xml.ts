import { XMLParser, XMLValidator } from "fast-xml-parser";
import { tagRenamer } from "./namespaces.js";

/**
 * The XML layer under the RSS and Atom readers: one parser configuration and small accessors for
 * the loosely shaped objects it returns (a tag is a string, an object with `#text` and `@_` attributes,
 * or an array of either).
 */

/** Tags that may repeat; as arrays always, so a one-item feed reads like a fifty-item one. */
const REPEATING = new Set([
  "item",
  "entry",
  "category",
  "link",
  "media:content",
  "media:thumbnail",
  "enclosure",
]);

const options = {
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // Values stay strings: a guid "0012" or a title "2025" must not become a number.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Entities declared in a DOCTYPE are expanded within fast-xml-parser's limits (no external ones).
  processEntities: true,
  htmlEntities: true,
  // Atom text constructs may hold XHTML markup: kept raw and decoded by `atom.ts`, which knows the type.
  stopNodes: ["*.entry.title", "*.entry.summary", "*.entry.content"],
  isArray: (name: string) => REPEATING.has(name),
};

/**
 * What precedes the root in feeds every reader accepts: a byte order mark, and the blank lines a PHP
 * include or a template leaves before `<?xml` (which XML allows only at the very start).
 */
const LEADING_JUNK = /^[\s\uFEFF]+/;

/**
 * The document as objects, or why it is not well-formed XML. Elements are named by their usual
 * prefix whatever the document calls them (see `namespaces.ts`).
 *
 * @example
 * const parsed = parseXml(body);
 * if (parsed.ok) child(parsed.doc, "rss");
 */
export function parseXml(
  xml: string,
): { ok: true; doc: Record<string, unknown> } | { ok: false; error: string } {
  const junk = LEADING_JUNK.exec(xml)?.[0] ?? "";
  const body = xml.slice(junk.length);
  // fast-xml-parser reads broken XML leniently; a feed cut off mid-item must not become half an article.
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    const line = valid.err.line + (junk.match(/\n/g)?.length ?? 0);
    return { ok: false, error: `not well-formed XML (line ${line}): ${valid.err.msg}` };
  }
  const rename = tagRenamer(body);
  const parser = new XMLParser({
    ...options,
    transformTagName: rename,
    transformAttributeName: rename,
  });
  return { ok: true, doc: parser.parse(body) as Record<string, unknown> };
}

/** The node's text: the string itself, or its `#text`. */
export function text(node: unknown): string | undefined {
  if (typeof node === "string") return node.trim() || undefined;
  if (node && typeof node === "object" && "#text" in node)
    return text((node as { "#text": unknown })["#text"]);
  return undefined;
}

export function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== "object") return undefined;
  const value = (node as Record<string, unknown>)[`@_${name}`];
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

export function child(node: unknown, name: string): unknown {
  return node && typeof node === "object" ? (node as Record<string, unknown>)[name] : undefined;
}

/** A repeating child as an array (empty when absent). */
export function children(node: unknown, name: string): unknown[] {
  const value = child(node, name);
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first child among `names` that has text (`content:encoded` before `description`, say). */
export function firstText(node: unknown, ...names: string[]): string | undefined {
  for (const name of names) {
    for (const value of children(node, name)) {
      const found = text(value);
      if (found) return found;
    }
  }
  return undefined;
}

/** `href` resolved against `base`; undefined unless the result is http(s). */
export function resolveUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const XML_ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g;
const XML_NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/**
 * The character data of raw XML content (a stop node): CDATA sections as written, the rest with XML's
 * own entities decoded. What comes out is the text the publisher meant, HTML or plain.
 *
 * @example
 * xmlCharacterData("<![CDATA[<p>a</p>]]> &amp;lt;b&amp;gt;"); // "<p>a</p> &lt;b&gt;"
 */
export function xmlCharacterData(raw: string): string {
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) =>
      part.startsWith("<![CDATA[")
        ? part.slice(9, -3)
        : part.replace(XML_ENTITY, (whole, dec?: string, hex?: string, name?: string) => {
            if (name) return XML_NAMED[name] as string;
            const code = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex as string, 16);
            return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
          }),
    )
    .join("")
    .trim();
}
