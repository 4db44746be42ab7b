/**
 * The character encoding of a fetched feed, decided the way browsers and feed readers decide it:
 * a byte order mark, then the HTTP `Content-Type` charset, then the XML declaration's `encoding`,
 * then the bytes themselves: valid UTF-8 is UTF-8, anything else is windows-1252 (what "Latin-1"
 * means on the web, and what a feed with no declaration served with no charset almost always is).
 */

export type CharsetSource = "bom" | "http" | "xml" | "utf-8 bytes" | "fallback";

const BOMS: Array<[bytes: number[], encoding: string]> = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xfe, 0xff], "utf-16be"],
  [[0xff, 0xfe], "utf-16le"],
];

function bomEncoding(bytes: Uint8Array): string | undefined {
  return BOMS.find(([bom]) => bom.every((b, i) => bytes[i] === b))?.[1];
}

/** A label TextDecoder knows (WHATWG labels: "latin1" and "iso-8859-1" are windows-1252 too). */
function known(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

const validUtf8 = (bytes: Uint8Array) => {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/**
 * Which encoding the bytes are in, and what decided it. A label no decoder knows counts as absent.
 *
 * @example
 * feedCharset(latin1Bytes, "application/rss+xml"); // { encoding: "windows-1252", source: "fallback" }
 */
export function feedCharset(
  bytes: Uint8Array,
  contentType: string | null | undefined,
): { encoding: string; source: CharsetSource } {
  const bom = bomEncoding(bytes);
  if (bom) return { encoding: bom, source: "bom" };
  const http = known(/;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? "")?.[1]);
  if (http) return { encoding: http, source: "http" };
  // XML's own detection without a BOM (Appendix F): "<" as two bytes is UTF-16, whose declaration
  // would be unreadable as ASCII below.
  if (bytes[0] === 0x3c && bytes[1] === 0 && bytes[3] === 0) return { encoding: "utf-16le", source: "xml" };
  if (bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0) return { encoding: "utf-16be", source: "xml" };
  // The declaration is ASCII in every other encoding a feed may be in.
  const head = Buffer.from(bytes.subarray(0, 512)).toString("latin1");
  const xml = known(/^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1]);
  if (xml) return { encoding: xml, source: "xml" };
  return validUtf8(bytes)
    ? { encoding: "utf-8", source: "utf-8 bytes" }
    : { encoding: "windows-1252", source: "fallback" };
}

/**
 * Bytes 0x80–0x9F in windows-1252 (the WHATWG table). Node 20's TextDecoder decodes windows-1252,
 * and the labels that mean it (latin1, iso-8859-1, ascii), as ISO-8859-1, so these, the curly quotes,
 * dashes and the euro sign that Latin-1 feeds are full of, would come out as C1 control characters.
 */
const CP1252_80_9F = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

const decodeWindows1252 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("latin1")
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[(c.codePointAt(0) as number) - 0x80] as string);

/**
 * The feed as text, in the encoding `feedCharset` decides (a BOM is not part of the text).
 *
 * @example
 * decodeFeed(Buffer.from("<rss>…</rss>"), "text/xml; charset=utf-8"); // "<rss>…</rss>"
 */
export function decodeFeed(bytes: Uint8Array, contentType: string | null | undefined): string {
  const { encoding } = feedCharset(bytes, contentType);
  return encoding === "windows-1252" ? decodeWindows1252(bytes) : new TextDecoder(encoding).decode(bytes);
}
