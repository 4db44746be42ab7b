import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Font } from "satori";

/**
 * The card's fonts, from the npm font packages, loaded once per process. Satori takes TTF, OTF or
 * WOFF; these are the packages' `.woff` files. Satori picks one font per family name and weight,
 * so every unicode-range subset gets its own family name; characters a font lacks fall back
 * through the others in load order (Latin first).
 *
 * - Noto Sans, regular and bold, every subset it ships (Latin, Latin Extended, Vietnamese,
 *   Cyrillic, Greek, Devanagari; 0.5 MB), loaded on first use.
 * - Noto Sans SC as the CJK fallback: @fontsource splits it into ~100 numbered subsets per weight
 *   (6 MB of WOFF for both). Measured here (2 vCPU, quiet): with all of them loaded the first
 *   render takes ~400 ms instead of ~140 ms and the process ~85 MB more memory (1.5 s when the
 *   machine is busy), while a headline needs a handful. So only the subsets holding the card's
 *   characters are read (found through the package's `unicode.json`, ~10 ms) and kept for the
 *   next card.
 */

export type CardWeight = 400 | 700;
const WEIGHTS: readonly CardWeight[] = [400, 700];
const BASE_SUBSETS = [
  "latin",
  "latin-ext",
  "vietnamese",
  "cyrillic",
  "cyrillic-ext",
  "greek",
  "greek-ext",
  "devanagari",
];
/** The first family of the card: Noto Sans' Latin subset. */
export const CARD_FONT_FAMILY = "Noto Sans latin";

interface FontPackage {
  files: string;
  /** Which subset has each code point (ranges overlap between subsets, so a map, not a search). */
  subsetOf: Map<number, string>;
}

/**
 * Where a font package is: in node_modules when running from source, or copied as
 * `fonts/<package>/` (its `unicode.json` and `files/`) next to a bundled Lambda.
 */
function packageDir(name: string): string {
  try {
    return dirname(createRequire(import.meta.url).resolve(`@fontsource/${name}/unicode.json`));
  } catch {
    const bundled = fileURLToPath(new URL(`./fonts/${name}/`, import.meta.url));
    if (existsSync(join(bundled, "unicode.json"))) return bundled;
    throw new Error(`card fonts not found: install @fontsource/${name} or copy it to ${bundled}`);
  }
}

const fileName = (name: string, subset: string, weight: CardWeight) =>
  `${name}-${subset}-${weight}-normal.woff`;
/** `unicode.json` names numbered subsets "[97]"; their files say "97". */
const subsetName = (key: string) => key.replace(/^\[(\d+)\]$/, "$1");

/** `unicode.json` maps a subset ("latin", "[97]") to a CSS unicode-range ("U+0000-00FF,U+0131"). */
async function fontPackage(name: string): Promise<FontPackage> {
  const dir = packageDir(name);
  const spec = JSON.parse(await readFile(join(dir, "unicode.json"), "utf8")) as Record<string, string>;
  const subsetOf = new Map<number, string>();
  for (const [key, list] of Object.entries(spec)) {
    const subset = subsetName(key);
    for (const part of list.split(",")) {
      const [start = "0", end = start] = part.trim().replace(/^U\+/i, "").split("-");
      for (let cp = Number.parseInt(start, 16); cp <= Number.parseInt(end, 16); cp++) {
        if (!subsetOf.has(cp)) subsetOf.set(cp, subset);
      }
    }
  }
  return { files: join(dir, "files"), subsetOf };
}

const packages = new Map<string, Promise<FontPackage>>();
const files = new Map<string, Promise<Buffer>>();

function cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = map.get(key);
  if (!value) {
    value = load();
    // A failed read must not poison the process for good.
    value.catch(() => map.delete(key));
    map.set(key, value);
  }
  return value;
}

const pkg = (name: string) => cached(packages, name, () => fontPackage(name));

async function font(name: string, family: string, subset: string, weight: CardWeight): Promise<Font> {
  const { files: dir } = await pkg(name);
  const file = join(dir, fileName(name, subset, weight));
  const data = await cached(files, file, () => readFile(file));
  return { name: `${family} ${subset}`, data, weight, style: "normal" };
}

let baseFonts: Promise<Font[]> | undefined;

/** Noto Sans in both weights; the first call reads it, every later one gets the same array. */
export function loadBaseFonts(): Promise<Font[]> {
  baseFonts ??= Promise.all(
    BASE_SUBSETS.flatMap((subset) => WEIGHTS.map((w) => font("noto-sans", "Noto Sans", subset, w))),
  );
  baseFonts.catch(() => {
    baseFonts = undefined;
  });
  return baseFonts;
}

/** Font lists by the CJK subsets they add; satori caches its parsed fonts per list object. */
const lists = new Map<string, Font[]>();
const MAX_LISTS = 32;

/**
 * The fonts for a card's text, by weight: Noto Sans, plus the Noto Sans SC subsets holding any
 * character Noto Sans lacks. Characters in neither are left to satori's missing-glyph hook.
 *
 * @example
 * const fonts = await cardFonts({ 700: "美国寻求欧洲 headline", 400: "By Jane Doe" });
 */
export async function cardFonts(textByWeight: Record<CardWeight, string>): Promise<Font[]> {
  const [base, basePkg] = await Promise.all([loadBaseFonts(), pkg("noto-sans")]);
  const beyond = WEIGHTS.map((weight) => {
    const codePoints = Array.from(textByWeight[weight], (ch) => ch.codePointAt(0) as number);
    return { weight, codePoints: codePoints.filter((cp) => !basePkg.subsetOf.has(cp)) };
  });
  if (beyond.every(({ codePoints }) => codePoints.length === 0)) return base;
  const cjkPkg = await pkg("noto-sans-sc");
  const needed = new Set<string>();
  for (const { weight, codePoints } of beyond) {
    for (const cp of codePoints) {
      const subset = cjkPkg.subsetOf.get(cp);
      if (subset !== undefined) needed.add(`${subset}:${weight}`);
    }
  }
  if (needed.size === 0) return base;
  const key = [...needed].sort().join(",");
  const known = lists.get(key);
  if (known) return known;
  const cjk = await Promise.all(
    [...needed].sort().map((entry) => {
      const [subset = "", weight] = entry.split(":");
      return font("noto-sans-sc", "Noto Sans SC", subset, Number(weight) as CardWeight);
    }),
  );
  if (lists.size >= MAX_LISTS) lists.delete(lists.keys().next().value as string);
  const list = [...base, ...cjk];
  lists.set(key, list);
  return list;
}

/**
 * Every file a card may read, by package and relative to the package's folder: what a bundled
 * Lambda must carry under `fonts/<package>/` (the render function's `afterBundling` copies exactly
 * these, not the packages' 80 MB of other weights, italics and WOFF2). Read from node_modules.
 *
 * @example
 * cardFontFiles()["noto-sans"]; // ["unicode.json", "files/noto-sans-latin-400-normal.woff", …]
 */
export function cardFontFiles(): Record<string, string[]> {
  const files = (name: string, subsets: string[]) => [
    "unicode.json",
    ...subsets.flatMap((subset) => WEIGHTS.map((w) => `files/${fileName(name, subset, w)}`)),
  ];
  const cjk = JSON.parse(readFileSync(join(packageDir("noto-sans-sc"), "unicode.json"), "utf8")) as object;
  return {
    "noto-sans": files("noto-sans", BASE_SUBSETS),
    "noto-sans-sc": files("noto-sans-sc", Object.keys(cjk).map(subsetName)),
  };
}
