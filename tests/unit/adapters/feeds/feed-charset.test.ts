import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeFeed, feedCharset } from "../../../../functions/adapters/feeds/feed-charset.js";

const cp1252 = (text: string) => {
  // Node has no windows-1252 encoder; the characters used here are Latin-1 plus the few below.
  const extra: Record<string, number> = { "€": 0x80, "„": 0x84, "–": 0x96, "“": 0x93, "”": 0x94, "’": 0x92 };
  return Uint8Array.from([...text].map((ch) => extra[ch] ?? (ch.codePointAt(0) as number)));
};
const utf8 = (text: string) => new TextEncoder().encode(text);
const LATIN1_FEED = readFileSync(
  new URL("../../../fixtures/feeds/real-world/latin1-undeclared.xml", import.meta.url),
);

describe("the charset of a feed, decided as browsers and feed readers decide it", () => {
  it("a Latin-1 feed with no declaration, served without a charset, is windows-1252, not U+FFFD", () => {
    expect(feedCharset(LATIN1_FEED, "text/xml")).toEqual({ encoding: "windows-1252", source: "fallback" });
    const text = decodeFeed(LATIN1_FEED, "text/xml");
    expect(text).not.toContain("\ufffd");
    expect(text).toContain("<title>Café-théâtre – „Ça ira“ : 12 € l’entrée</title>");
  });

  it("a byte order mark wins over everything, and is not part of the text", () => {
    const bom = Uint8Array.from([
      0xef,
      0xbb,
      0xbf,
      ...utf8('<?xml version="1.0" encoding="iso-8859-1"?><rss>é</rss>'),
    ]);
    expect(feedCharset(bom, "text/xml; charset=windows-1252")).toEqual({ encoding: "utf-8", source: "bom" });
    expect(decodeFeed(bom, "text/xml; charset=windows-1252")).toBe(
      '<?xml version="1.0" encoding="iso-8859-1"?><rss>é</rss>',
    );
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from("<rss>é</rss>", "utf16le")]);
    expect(decodeFeed(utf16, "application/rss+xml")).toBe("<rss>é</rss>");
  });

  it("the HTTP charset comes before the XML declaration; the declaration before the byte check", () => {
    const declaredLatin1 = cp1252('<?xml version="1.0" encoding="ISO-8859-1"?><rss>„Grüße“ – 5 €</rss>');
    expect(feedCharset(declaredLatin1, 'application/rss+xml; charset="utf-8"').source).toBe("http");
    expect(feedCharset(declaredLatin1, "application/rss+xml")).toEqual({
      encoding: "windows-1252",
      source: "xml",
    });
    // "ISO-8859-1" means windows-1252 on the web: 0x84, 0x93, 0x96 and 0x80 are „ “ – €.
    expect(decodeFeed(declaredLatin1, "application/rss+xml")).toContain("<rss>„Grüße“ – 5 €</rss>");
    // A declaration that says UTF-8 is believed even when a byte says otherwise, as a browser does.
    const lying = cp1252('<?xml version="1.0" encoding="utf-8"?><rss>é</rss>');
    expect(feedCharset(lying, null)).toEqual({ encoding: "utf-8", source: "xml" });
  });

  it("UTF-16 without a BOM is recognised by its first bytes, as XML's Appendix F says", () => {
    const doc = '<?xml version="1.0" encoding="UTF-16"?><rss>Ünïcödé “quoted”</rss>';
    const le = Buffer.from(doc, "utf16le");
    const be = Buffer.from(le).swap16();
    expect(decodeFeed(le, "application/xml")).toBe(doc);
    expect(decodeFeed(be, "application/xml")).toBe(doc);
  });

  it("a label no decoder knows counts as absent", () => {
    expect(feedCharset(utf8("<rss>é</rss>"), "text/xml; charset=klingon")).toEqual({
      encoding: "utf-8",
      source: "utf-8 bytes",
    });
  });

  it("without a BOM or a declaration, any text sent as UTF-8 comes back as written", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (text) => {
        expect(decodeFeed(utf8(`<rss>${text}</rss>`), "text/xml")).toBe(`<rss>${text}</rss>`);
      }),
    );
  });

  it("Latin-1 text that is not valid UTF-8 comes back as written, with no U+FFFD", () => {
    const latin = fc.constantFrom(..."àáâäçèéêëîïôöùúûüÿßÄÖÜÉÈ€„“–’");
    const ascii = fc.stringMatching(/^[ a-zA-Z0-9.,:;!?-]{1,6}$/);
    // An accented letter followed by ASCII is never a UTF-8 sequence, so the fallback is what decides.
    const text = fc
      .array(fc.tuple(ascii, latin, ascii), { minLength: 1, maxLength: 8 })
      .map((parts) => parts.map((p) => p.join("")).join(""));
    fc.assert(
      fc.property(text, (t) => {
        expect(decodeFeed(cp1252(`<?xml version="1.0"?><rss>${t}</rss>`), null)).toBe(
          `<?xml version="1.0"?><rss>${t}</rss>`,
        );
      }),
    );
  });
});
