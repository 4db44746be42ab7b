/**
 * Text out of the HTML that feeds and CMSes send for titles, excerpts and names. It is pure string
 * work with no parser, because it runs in the API bundle (Ghost, WordPress) and only has to yield
 * one readable line: the renderer escapes whatever comes out, so nothing here is a security boundary.
 */

/** HTML 4's Latin-1 entities, in code point order from U+00A0. */
const LATIN1 =
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 " +
  "acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde " +
  "Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute " +
  "Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde " +
  "auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute " +
  "ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml";

/** The rest of what CMSes actually emit: typography, currency, a few letters outside Latin-1. */
const OTHERS: Record<string, number> = {
  amp: 0x26,
  lt: 0x3c,
  gt: 0x3e,
  quot: 0x22,
  apos: 0x27,
  ndash: 0x2013,
  mdash: 0x2014,
  lsquo: 0x2018,
  rsquo: 0x2019,
  sbquo: 0x201a,
  ldquo: 0x201c,
  rdquo: 0x201d,
  bdquo: 0x201e,
  hellip: 0x2026,
  bull: 0x2022,
  middot: 0xb7,
  dagger: 0x2020,
  Dagger: 0x2021,
  permil: 0x2030,
  lsaquo: 0x2039,
  rsaquo: 0x203a,
  prime: 0x2032,
  Prime: 0x2033,
  euro: 0x20ac,
  trade: 0x2122,
  minus: 0x2212,
  larr: 0x2190,
  rarr: 0x2192,
  OElig: 0x152,
  oelig: 0x153,
  Scaron: 0x160,
  scaron: 0x161,
  Yuml: 0x178,
  fnof: 0x192,
  circ: 0x2c6,
  tilde: 0x2dc,
  ensp: 0x2002,
  emsp: 0x2003,
  thinsp: 0x2009,
  zwnj: 0x200c,
  zwj: 0x200d,
  lrm: 0x200e,
  rlm: 0x200f,
};

const NAMED = new Map<string, number>([
  ...LATIN1.split(" ").map((name, i) => [name, 0xa0 + i] as [string, number]),
  ...Object.entries(OTHERS),
]);

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

function fromCodePoint(code: number): string {
  const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return valid ? String.fromCodePoint(code) : "\ufffd";
}

/**
 * Decodes numeric and the common named character references; unknown names stay as written.
 *
 * @example
 * decodeEntities("Caf&eacute; &amp; Bar &#8212; &#x2019;s"); // "Café & Bar — ’s"
 */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec) return fromCodePoint(Number.parseInt(dec, 10));
    if (hex) return fromCodePoint(Number.parseInt(hex, 16));
    const code = NAMED.get(name as string);
    return code === undefined ? whole : String.fromCodePoint(code);
  });
}

// A tag starts with a letter, "/" or "!": "a < b" in a plain-text title is text, not a tag.
const TAG = /<\/?([A-Za-z][\w:-]*)[^>]*>|<!--[\s\S]*?(?:-->|$)/g;
const INVISIBLE = /<(script|style|template)\b[\s\S]*?(?:<\/\1\s*>|$)/gi;

/**
 * Phrasing elements: they sit inside a line, so removing them must not split a word
 * ("1930ft<sup>2</sup>" is "1930ft2", "<b>Ber</b>lin" is "Berlin"), as a browser's `innerText` shows.
 * Every other element (paragraphs, list items, `<br>`, cells, unknown ones) ends a run of text.
 */
const INLINE = new Set(
  (
    "a abbr acronym b bdi bdo big cite code data del dfn em font i img ins kbd label mark nobr q rp rt " +
    "ruby s samp small span strike strong sub sup time tt u var wbr"
  ).split(" "),
);

/**
 * One line of text from an HTML fragment: invisible elements dropped, inline tags and comments
 * removed without a trace, other tags as a space (so "<p>a</p><p>b</p>" keeps its words apart),
 * entities decoded, whitespace collapsed.
 *
 * @example
 * htmlToText("<p>Caf&eacute;</p>\n<p>Part&nbsp;2</p>"); // "Café Part 2"
 * htmlToText("Flat, 1930ft<sup>2</sup>"); // "Flat, 1930ft2"
 */
export function htmlToText(html: string): string {
  const stripped = html
    .replace(INVISIBLE, " ")
    .replace(TAG, (_whole, name?: string) =>
      name === undefined || INLINE.has(name.toLowerCase()) ? "" : " ",
    );
  return decodeEntities(stripped).replace(/\s+/g, " ").trim();
}

/**
 * At most `max` characters as JavaScript counts them (UTF-16 units, what zod's `max` checks), cut at
 * a word boundary with an ellipsis when it must be, never inside a surrogate pair.
 *
 * @example
 * clip("The quick brown fox", 12); // "The quick…"
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = "";
  for (const ch of text) {
    if (cut.length + ch.length > max - 1) break;
    cut += ch;
  }
  const space = cut.lastIndexOf(" ");
  // Back up to a word boundary unless that throws away most of the text (one very long word).
  return `${(space > cut.length * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
