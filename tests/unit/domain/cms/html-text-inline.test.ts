import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlToText } from "../../../../functions/domain/cms/html-text.js";
import { escapeHtml } from "../../../../functions/domain/text.js";

const INLINE = ["sup", "sub", "b", "i", "em", "strong", "span", "a", "code", "small", "mark", "abbr", "wbr"];
const BLOCK = ["p", "div", "li", "h2", "blockquote", "td", "figcaption", "section"];

const word = fc.stringMatching(/^[A-Za-z0-9À-ž°²½]{1,8}$/);
const attribute = fc.constantFrom("", ' class="unit"', ' href="https://x.example/?a=1&amp;b=2"', " lang=de");
const cased = (name: string) => fc.constantFrom(name, name.toUpperCase());

describe("htmlToText joins inline elements and separates blocks", () => {
  it("removing inline tags never adds a space: 1930ft<sup>2</sup> is 1930ft2", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(word, fc.constantFrom(...INLINE).chain(cased), attribute), {
          minLength: 1,
          maxLength: 6,
        }),
        word,
        (parts, last) => {
          // Each word is wrapped, alternately, by an element or followed by an empty one.
          const html = parts
            .map(([w, tag, attr], i) =>
              i % 2 === 0 ? `<${tag}${attr}>${w}</${tag}>` : `${w}<${tag}${attr}/>`,
            )
            .join("");
          expect(htmlToText(`${html}${last}`)).toBe(`${parts.map(([w]) => w).join("")}${last}`);
        },
      ),
    );
  });

  it("block elements and <br> keep the words on either side apart", () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 2, maxLength: 6 }), fc.constantFrom(...BLOCK), (words, tag) => {
        expect(htmlToText(words.map((w) => `<${tag}>${w}</${tag}>`).join(""))).toBe(words.join(" "));
        expect(htmlToText(words.join("<br>"))).toBe(words.join(" "));
      }),
    );
  });

  it("escaped plain text comes back as written (whitespace collapsed): a '<tag>' in text is text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (text) => {
        expect(htmlToText(escapeHtml(text))).toBe(text.replace(/\s+/g, " ").trim());
      }),
    );
  });

  it("comments vanish without a trace; scripts and styles are not text", () => {
    expect(htmlToText("1930<!-- m2 -->ft<sup>2</sup>")).toBe("1930ft2");
    expect(htmlToText("<b>Ber</b>lin<style>b{}</style><p>Kiel</p>")).toBe("Berlin Kiel");
  });
});
