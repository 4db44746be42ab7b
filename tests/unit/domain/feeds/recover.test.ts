import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeBareAmpersands, readFeedDocument } from "../../../../functions/domain/feeds/recover.js";

const text = fc.string({ unit: fc.constantFrom(..."ab &;#x12<>/"), maxLength: 30 });

describe("escapeBareAmpersands", () => {
  it("escapes only ampersands that start no reference, and is idempotent", () => {
    expect(escapeBareAmpersands("a=1&b=2 &amp; &#38; &#x26; &nbsp; AT&T")).toBe(
      "a=1&amp;b=2 &amp; &#38; &#x26; &nbsp; AT&amp;T",
    );
    fc.assert(
      fc.property(text, (s) => {
        const once = escapeBareAmpersands(s);
        expect(escapeBareAmpersands(once)).toBe(once);
        expect(once.replaceAll("&amp;", "&")).toBe(s.replaceAll("&amp;", "&"));
      }),
    );
  });

  it("leaves CDATA sections and comments as written", () => {
    fc.assert(
      fc.property(text, text, (outside, inside) => {
        const cdata = `<![CDATA[${inside.replaceAll("]]>", "")}]]>`;
        const comment = `<!--${inside.replaceAll("-", "")}-->`;
        const out = escapeBareAmpersands(`${outside}${cdata}${comment}`);
        expect(out.endsWith(`${cdata}${comment}`)).toBe(true);
      }),
    );
  });
});

describe("readFeedDocument", () => {
  it("reads any item text with bare ampersands, and changes nothing in a well-formed document", () => {
    const word = fc.string({ unit: fc.constantFrom(..."abc &=?"), minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(word, (title) => {
        const read = readFeedDocument(`<rss><channel><item><title>${title}</title></item></channel></rss>`);
        expect(read.ok).toBe(true);
        const wellFormed = readFeedDocument(
          `<rss><channel><title>${title.replaceAll("&", "&amp;")}</title></channel></rss>`,
        );
        expect(wellFormed).toMatchObject({ ok: true, repairs: [] });
      }),
    );
  });
});
