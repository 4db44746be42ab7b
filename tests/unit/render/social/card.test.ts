import { writeFile } from "node:fs/promises";
import { Resvg } from "@resvg/resvg-js";
import type { SatoriNode } from "satori";
import { describe, expect, it } from "vitest";
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  MAX_CARD_BYTES,
  renderCard,
} from "../../../../functions/render/social/card.js";
import { headlineSize } from "../../../../templates/card/layout.js";
import { decodePng, inkShare, pngSize } from "../../../helpers/png.js";

const HEADLINES = {
  latin: "US Seeks European Input on Ukraine Security Guarantees Amid Shifting Alliances",
  cyrillic: "США запрашивают мнение Европы о гарантиях безопасности для Украины",
  greek: "Οι ΗΠΑ ζητούν τη γνώμη της Ευρώπης για τις εγγυήσεις ασφαλείας της Ουκρανίας",
  chinese: "美国就乌克兰安全保障问题征求欧洲意见，跨大西洋合作出现新变化",
  long: "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse.",
};
/** Where the headline sits on a card without an image (templates/card/layout.ts). */
const HEADLINE_BOX = { x: 80, y: 128, width: 1056, height: 374 };

const card = (headline: string, overrides = {}) => ({
  brandName: "The Daily Herald",
  accentColor: "#b3261e",
  label: "world",
  headline,
  byline: "By Oshadhi Gimesha",
  ...overrides,
});

/** Renders and records what satori could not draw and every box it laid out. */
async function render(input: ReturnType<typeof card>) {
  const missing: string[] = [];
  const nodes: SatoriNode[] = [];
  const png = await renderCard(input, {
    onMissingGlyph: (s) => missing.push(s),
    onNode: (n) => nodes.push(n),
  });
  return { png, missing, nodes };
}

const outside = (nodes: SatoriNode[]) =>
  nodes.filter(
    (n) => n.left < 0 || n.top < 0 || n.left + n.width > CARD_WIDTH || n.top + n.height > CARD_HEIGHT,
  );

const pngDataUrl = (svg: string) =>
  `data:image/png;base64,${Buffer.from(new Resvg(svg).render().asPng()).toString("base64")}`;

describe("renderCard", () => {
  it.each(Object.entries(HEADLINES))(
    "renders a %s headline: 1200×630, under 1 MB, a font for every character",
    async (script, headline) => {
      // Act
      const { png, missing, nodes } = await render(card(headline));

      // Assess
      expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
      expect(png.length).toBeLessThan(MAX_CARD_BYTES);
      expect(missing).toEqual([]);
      expect(outside(nodes)).toEqual([]);
      expect(inkShare(decodePng(png), HEADLINE_BOX)).toBeGreaterThan(0.03);
      // HERALD_WRITE_CARDS=1 refreshes the reference images a person can look at.
      if (process.env.HERALD_WRITE_CARDS)
        await writeFile(new URL(`./cards/${script}.png`, import.meta.url), png);
    },
  );

  it("reports what no font can draw, so the check above can fail", async () => {
    // Act: no Arabic font is shipped.
    const { missing } = await render(card("مرحبا بالعالم"));

    // Assess
    expect(missing.join("")).toContain("م");
  });

  it("leaves emoji out rather than drawing boxes", async () => {
    // Act
    const { missing } = await render(card("Storm 🌧️ closes the 🇺🇦 bridge 👨‍👩‍👧 — what we know ©"));

    // Assess
    expect(missing).toEqual([]);
  });

  it("keeps a 2,000-character headline inside the card, clamped with an ellipsis", async () => {
    // Act
    const { png, nodes } = await render(card("Lorem ipsum dolor sit amet ".repeat(74).slice(0, 2000)));

    // Assess
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
    expect(outside(nodes)).toEqual([]);
    const headline = nodes.find((n) => n.textContent?.startsWith("Lorem"));
    const byline = nodes.find((n) => n.textContent === "By Oshadhi Gimesha");
    expect(headline && byline && headline.top + headline.height <= byline.top).toBe(true);
  });

  it("shrinks the headline as it grows, to about four lines", () => {
    // Act
    const sizes = [20, 80, 150, 300].map((n) => headlineSize("word ".repeat(n / 5), false).fontSize);
    const cjk = headlineSize("美国就乌克兰安全保障问题征求欧洲意见".repeat(4), false).fontSize;

    // Assess
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(sizes[0]).toBe(76);
    expect(sizes[3]).toBeLessThanOrEqual(40);
    expect(cjk).toBeLessThan(headlineSize("a".repeat(72), false).fontSize);
  });

  it("draws the article image beside the text, and a photo-like one still stays under 1 MB", async () => {
    // Prepare: noise is the worst case for PNG compression.
    const noise = pngDataUrl(
      `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900"><filter id="n"><feTurbulence type="fractalNoise" baseFrequency="0.9" numOctaves="4"/></filter><rect width="100%" height="100%" filter="url(#n)"/></svg>`,
    );

    // Act
    const { png, nodes } = await render(card(HEADLINES.latin, { imageDataUrl: noise }));

    // Assess
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
    expect(png.length).toBeLessThan(MAX_CARD_BYTES);
    expect(nodes.some((n) => n.type === "img" && n.left === 760 && n.width === 440)).toBe(true);
  });

  it("refuses an image that is not a data: URL, which satori would fetch", async () => {
    // Act + Assess
    await expect(renderCard(card("Title", { imageDataUrl: "https://evil.example/x.png" }))).rejects.toThrow(
      /data: URL/,
    );
  });
});
