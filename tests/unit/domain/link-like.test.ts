import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { looksLikeLink } from "../../../functions/domain/link-like.js";

/** Every way of writing the dot of a domain that a reader would still read as one. */
const dots = fc.constantFrom(
  ".",
  "．", // fullwidth full stop
  "。", // ideographic full stop
  "｡", // halfwidth ideographic full stop
  "․", // one dot leader
  "﹒", // small full stop
  "·", // middle dot
  "‧", // hyphenation point
  "٠", // Arabic-Indic zero
  " .",
  "[.]",
  "(dot)",
);
const invisible = fc.constantFrom("", "\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff", "\u200e");
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}[a-z0-9]$/);
const tld = fc.constantFrom("com", "ly", "shop", "win", "ru", "io", "xyz", "co", "example", "online");
/** Look-alike letters: fullwidth and Cyrillic forms of some Latin ones. */
const disguise = (s: string) =>
  fc
    .array(fc.constantFrom("plain", "fullwidth", "cyrillic"), { minLength: s.length, maxLength: s.length })
    .map((how) =>
      [...s]
        .map((ch, i) => {
          if (how[i] === "fullwidth" && /[a-z0-9]/.test(ch))
            return String.fromCodePoint((ch.codePointAt(0) as number) + 0xfee0);
          if (how[i] === "cyrillic")
            return ({ a: "а", e: "е", o: "о", c: "с", p: "р", x: "х" } as const)[ch as "a"] ?? ch;
          return ch;
        })
        .join(""),
    );
const words = fc
  .array(fc.stringMatching(/^[A-Za-zÀ-ÿ]{1,10}$/), { minLength: 1, maxLength: 8 })
  .map((w) => w.join(" "));

describe("looksLikeLink", () => {
  it.each([
    "bit.ly/3xYz",
    "go to prize-claim.shop/win now",
    "evil．com/win",
    "https://spam.example",
    "visit www.example",
    "10.0.0.1/admin",
    "evil dot com",
    "mail me: mailto:x",
  ])("refuses %s", (text) => {
    expect(looksLikeLink(text)).toBe(true);
  });

  it.each([
    "Thought of you when I read this.",
    "Loved it. Did you? I did!",
    "The deal is worth 3.5 million, e.g. more than last year.",
    "See you at 7 p.m. tomorrow... or not",
    "Ana",
    "Your Bank Security Team",
    "Jean-Luc Picard",
    "王小明",
  ])("lets %s through", (text) => {
    expect(looksLikeLink(text)).toBe(false);
  });

  it("refuses any domain, whatever its dot, invisible characters and look-alike letters, inside prose", () => {
    fc.assert(
      fc.property(
        words,
        label.chain(disguise),
        invisible,
        dots,
        invisible,
        tld.chain(disguise),
        fc.constantFrom("", "/win", "/x?y=1"),
        words,
        (before, name, zw1, dot, zw2, top, path, after) => {
          const text = `${before} ${name}${zw1}${dot}${zw2}${top}${path} ${after}`;
          expect(looksLikeLink(text)).toBe(true);
        },
      ),
    );
  });

  it("lets ordinary sentences through: words, commas, full stops followed by a space, decimals", () => {
    const sentence = fc
      .tuple(words, fc.constantFrom(".", "!", "?", ",", "", "…"), fc.option(fc.tuple(fc.nat(999), fc.nat(9))))
      .map(([w, end, num]) => `${w}${num ? ` ${num[0]}.${num[1]}` : ""}${end}`);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 5 }), (sentences) => {
        expect(looksLikeLink(sentences.join(" "))).toBe(false);
      }),
    );
  });
});
