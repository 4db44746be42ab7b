/**
 * The social card's layout: a satori element tree (JSX-free `{ type, props }` objects) and every
 * measurement it uses. Design changes happen here; `functions/render/social/card.ts` only loads
 * fonts, picks the headline size from this file's table and rasterizes.
 *
 *  ┌──┬──────────────────────────────────────────┬───────────┐
 *  │  │ BRAND NAME                      [ TOPIC ] │           │
 *  │▌ │                                           │  article  │
 *  │▌ │ Headline, as large as fits in four lines  │   image   │
 *  │  │                                           │ (optional)│
 *  │  │ By Jane Doe                               │           │
 *  └──┴──────────────────────────────────────────┴───────────┘
 */

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

const STRIPE = 16;
const PAD_X = 64;
const PAD_Y = 56;
const IMAGE_WIDTH = 440;
const ROW_HEIGHT = 44;
const GAP = 28;
const LINE_HEIGHT = 1.18;
const HEADLINE_SIZES = [76, 68, 60, 54, 48, 44, 40, 36, 32] as const;
/** Lines the headline should take at most; smaller sizes are tried until it does. */
const HEADLINE_LINES = 4;
/** Average advance of a bold glyph in em: Noto Sans Latin/Cyrillic/Greek, and CJK or fullwidth. */
const NARROW_EM = 0.58;
const WIDE_EM = 1.0;
/** Word wrapping leaves the ends of lines empty; the estimate assumes lines about this full. */
const FILL = 0.85;
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

const INK = "#111827";
const MUTED = "#4b5563";
const PAPER = "#ffffff";

export interface CardContent {
  brandName: string;
  /** `#rrggbb`, the brand's accent. */
  accent: string;
  /** Text colour that reads on `accent` and the brand colour that reads on white. */
  onAccent: string;
  brandColor: string;
  label: string;
  headline: string;
  byline?: string;
  /** A `data:` URL: satori fetches anything else over the network. */
  imageDataUrl?: string;
  /** The first font family; satori falls back through every other loaded font after it. */
  fontFamily: string;
}

/** A satori element: what JSX would have produced. */
export interface CardNode {
  type: string;
  props: {
    style?: Record<string, string | number>;
    children?: CardNode | string | Array<CardNode | string>;
  } & {
    src?: string;
    width?: number;
    height?: number;
  };
}

const el = (
  type: string,
  style: Record<string, string | number>,
  children?: CardNode["props"]["children"],
) => ({
  type,
  props: { style, children },
});

/** The box the headline has: the text column minus the brand row, the byline row and the gaps. */
function headlineBox(hasImage: boolean): { width: number; height: number } {
  const width = CARD_WIDTH - STRIPE - (hasImage ? IMAGE_WIDTH : 0) - 2 * PAD_X;
  const height = CARD_HEIGHT - 2 * PAD_Y - 2 * ROW_HEIGHT - 2 * GAP;
  return { width, height };
}

/**
 * The headline's font size and how many lines it may take: the largest size at which it is
 * estimated to fit in four lines; for very long headlines the smallest size, clamped (with an
 * ellipsis) to what the box holds. An estimate from character widths is enough: satori wraps for
 * real, and the clamp keeps a wrong guess inside the card.
 *
 * @example
 * headlineSize("Storm closes the bridge", false); // { fontSize: 76, maxLines: 4 }
 */
export function headlineSize(headline: string, hasImage: boolean): { fontSize: number; maxLines: number } {
  const box = headlineBox(hasImage);
  let ems = 0;
  for (const ch of headline) ems += WIDE.test(ch) ? WIDE_EM : NARROW_EM;
  const linesAt = (size: number) => Math.ceil((ems * size) / (box.width * FILL));
  const smallest = HEADLINE_SIZES[HEADLINE_SIZES.length - 1] as number;
  const fontSize = HEADLINE_SIZES.find((size) => linesAt(size) <= HEADLINE_LINES) ?? smallest;
  const maxLines = Math.max(HEADLINE_LINES, Math.floor(box.height / (fontSize * LINE_HEIGHT)));
  return { fontSize, maxLines };
}

/** One line of text that ends in an ellipsis rather than wrapping. */
const oneLine = { lineClamp: 1, overflow: "hidden", whiteSpace: "nowrap", textOverflow: "ellipsis" };

/**
 * @example
 * const element = cardElement({ brandName: "The Daily Herald", accent: "#b3261e", onAccent: "#ffffff",
 *   brandColor: "#b3261e", label: "World", headline: "Storm closes the bridge", fontFamily: "Noto Sans" });
 * await satori(element, { width: CARD_WIDTH, height: CARD_HEIGHT, fonts });
 */
export function cardElement(content: CardContent): CardNode {
  const hasImage = content.imageDataUrl !== undefined;
  const { fontSize, maxLines } = headlineSize(content.headline, hasImage);
  const topRow = el("div", { display: "flex", alignItems: "center", height: ROW_HEIGHT, gap: 24 }, [
    el(
      "div",
      { ...oneLine, flexShrink: 1, fontSize: 30, fontWeight: 700, color: content.brandColor },
      content.brandName,
    ),
    el(
      "div",
      {
        ...oneLine,
        flexShrink: 0,
        maxWidth: 360,
        marginLeft: "auto",
        padding: "6px 18px",
        borderRadius: 999,
        backgroundColor: content.accent,
        color: content.onAccent,
        fontSize: 24,
        fontWeight: 700,
        textTransform: "uppercase",
        letterSpacing: 1,
      },
      content.label,
    ),
  ]);
  const headline = el("div", { display: "flex", alignItems: "center", flexGrow: 1, minHeight: 0 }, [
    el(
      "div",
      { fontSize, fontWeight: 700, lineHeight: LINE_HEIGHT, color: INK, lineClamp: maxLines },
      content.headline,
    ),
  ]);
  const byline = el(
    "div",
    { ...oneLine, height: ROW_HEIGHT, fontSize: 28, color: MUTED },
    content.byline ?? "",
  );
  const column = el(
    "div",
    {
      display: "flex",
      flexDirection: "column",
      gap: GAP,
      flexGrow: 1,
      minWidth: 0,
      height: "100%",
      padding: `${PAD_Y}px ${PAD_X}px`,
      boxSizing: "border-box",
    },
    [topRow, headline, byline],
  );
  const children: CardNode[] = [
    el("div", { width: STRIPE, flexShrink: 0, height: "100%", backgroundColor: content.accent }),
    column,
  ];
  if (content.imageDataUrl) {
    children.push({
      type: "img",
      props: {
        src: content.imageDataUrl,
        width: IMAGE_WIDTH,
        height: CARD_HEIGHT,
        style: { width: IMAGE_WIDTH, height: CARD_HEIGHT, objectFit: "cover", flexShrink: 0 },
      },
    });
  }
  return el(
    "div",
    {
      display: "flex",
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      backgroundColor: PAPER,
      fontFamily: content.fontFamily,
    },
    children,
  );
}
