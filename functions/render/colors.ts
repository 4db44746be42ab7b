/**
 * The brand's accent colour is configuration, not design review: any hex may arrive. These helpers
 * keep text readable (WCAG 2 contrast) whatever it is.
 */

const DARK_TEXT = "#111827";
const LIGHT_TEXT = "#ffffff";
/** WCAG AA for body-size text. */
const MIN_CONTRAST = 4.5;

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const c = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black, whichever reads better on `background`. */
export function textColorOn(background: string): string {
  return contrastRatio(background, LIGHT_TEXT) >= contrastRatio(background, DARK_TEXT)
    ? LIGHT_TEXT
    : DARK_TEXT;
}

/** The accent itself when it is readable as link text on white, else a dark fallback. */
export function linkColorOnWhite(accent: string): string {
  return contrastRatio(accent, "#ffffff") >= MIN_CONTRAST ? accent : DARK_TEXT;
}
