import { renderAsync } from "@resvg/resvg-js";
import satori, { type SatoriNode } from "satori";
import * as z from "zod";
import { CARD_HEIGHT, CARD_WIDTH, cardElement } from "../../../templates/card/layout.js";
import { graphemes } from "../../domain/social/graphemes.js";
import { cleanText } from "../../domain/social/source.js";
import { linkColorOnWhite, textColorOn } from "../colors.js";
import { CARD_FONT_FAMILY, cardFonts } from "./fonts.js";

/** Bluesky's thumb limit, the strictest of the networks (X 5 MB, Facebook 8 MB). */
export const MAX_CARD_BYTES = 1_000_000;
export { CARD_HEIGHT, CARD_WIDTH };

/**
 * What a card shows. The image must already be a `data:` URL (PNG or JPEG, what satori decodes):
 * rendering does no I/O, and satori would fetch any other URL itself.
 */
export const CardInput = z.object({
  brandName: z.string().trim().min(1).max(200),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be #rrggbb"),
  /** The topic or section, shown in the accent pill. */
  label: z.string().max(100),
  headline: z.string().trim().min(1).max(2000),
  /** Shown as given, e.g. "By Jane Doe": the wording is the newsroom's. */
  byline: z.string().max(200).optional(),
  imageDataUrl: z
    .string()
    .max(8_000_000)
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/, "must be a base64 PNG or JPEG data: URL")
    .optional(),
});
export type CardInput = z.input<typeof CardInput>;

export interface CardRenderOptions {
  /** Called with text no loaded font can draw (it would show as boxes): for logs and tests. */
  onMissingGlyph?: (segment: string) => void;
  /** Satori's `onNodeDetected`: every laid-out box, for layout tests. */
  onNode?: (node: SatoriNode) => void;
}

/**
 * No colour-emoji font is shipped (Noto Color Emoji alone is ~10 MB): emoji-presentation graphemes
 * and flags are left out of the card rather than drawn as boxes. Text-style symbols (©, ™) stay.
 */
const EMOJI = /\p{Emoji_Presentation}|\p{Regional_Indicator}|\uFE0F|\u20E3/u;

function cardText(text: string): string {
  const cleaned = cleanText(text);
  return EMOJI.test(cleaned)
    ? cleanText(
        graphemes(cleaned)
          .filter((g) => !EMOJI.test(g))
          .join(""),
      )
    : cleaned;
}

/**
 * The 1200×630 social card as a PNG under 1 MB. Fonts are loaded on first use and kept; only the
 * CJK subsets a headline needs are read. An image that would push the PNG over 1 MB (photographs
 * compress poorly in PNG) is left out rather than failing the card.
 *
 * @example
 * const png = await renderCard({ brandName: "The Daily Herald", accentColor: "#b3261e", label: "world",
 *   headline: "Storm closes the bridge", byline: "By Jane Doe" });
 * png.length < MAX_CARD_BYTES; // true
 */
export async function renderCard(input: CardInput, options: CardRenderOptions = {}): Promise<Uint8Array> {
  const card = CardInput.parse(input);
  const accent = card.accentColor.toLowerCase();
  const content = {
    brandName: cardText(card.brandName),
    // A topic slug ("climate-change") reads as words on the card.
    label: cardText(/^[\p{Ll}\p{N}-]+$/u.test(card.label) ? card.label.replace(/-/g, " ") : card.label),
    headline: cardText(card.headline),
    byline: card.byline === undefined ? undefined : cardText(card.byline),
    imageDataUrl: card.imageDataUrl,
    accent,
    onAccent: textColorOn(accent),
    brandColor: linkColorOnWhite(accent),
    fontFamily: CARD_FONT_FAMILY,
  };
  const fonts = await cardFonts({
    700: `${content.brandName}${content.label}${content.headline}`,
    400: content.byline ?? "",
  });
  const render = async (withImage: boolean) => {
    const element = cardElement(withImage ? content : { ...content, imageDataUrl: undefined });
    const svg = await satori(element, {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      fonts,
      onNodeDetected: options.onNode,
      loadAdditionalAsset: options.onMissingGlyph && missingGlyphHook(options.onMissingGlyph),
    });
    const image = await renderAsync(svg, { fitTo: { mode: "original" }, font: { loadSystemFonts: false } });
    return image.asPng();
  };
  let png = await render(true);
  if (png.length > MAX_CARD_BYTES && content.imageDataUrl) png = await render(false);
  if (png.length > MAX_CARD_BYTES) throw new Error(`card PNG is ${png.length} bytes, over ${MAX_CARD_BYTES}`);
  return png;
}

/** Satori asks for extra fonts only for text none of the given fonts can draw. */
function missingGlyphHook(report: (segment: string) => void) {
  return async (_language: string, segment: string) => {
    report(segment);
    return [];
  };
}
