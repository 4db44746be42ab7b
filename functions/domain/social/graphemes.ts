/**
 * Counting and cutting text the way readers see it: in graphemes (extended grapheme clusters,
 * UAX #29), so an emoji ZWJ sequence, a flag or a letter with its combining marks is one unit.
 * `Intl.Segmenter` costs about half a microsecond a character, so simple text skips it.
 */

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const wordSegmenter = new Intl.Segmenter(undefined, { granularity: "word" });

/**
 * Code points that are always a grapheme of their own: ASCII, Latin, Greek, Cyrillic, common
 * punctuation, CJK ideographs, kana and fullwidth forms, minus every combining mark in those
 * blocks. Most headlines are made only of them.
 */
const SIMPLE_ONLY =
  /^[\n\x20-\x7e\u00a0-\u02ff\u0370-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u205e\u3000-\u3029\u3030-\u3098\u309b-\u30ff\u4e00-\u9fff\uff00-\uff9d\uffa0-\uffef]*$/;

/** Every UTF-16 index of `text` is a grapheme boundary. */
export const isSimple = (text: string): boolean => SIMPLE_ONLY.test(text);

/** The graphemes of `text`. */
export function graphemes(text: string): string[] {
  return Array.from(graphemeSegmenter.segment(text), (s) => s.segment);
}

/**
 * How many graphemes `text` has (Bluesky's and Mastodon's unit); counting stops once past `atMost`,
 * for a fit check that only needs to know whether the text is over.
 */
export function graphemeLength(text: string, atMost = Number.POSITIVE_INFINITY): number {
  if (isSimple(text)) return text.length;
  // A line feed is a grapheme of its own (UAX #29 GB4, GB5) unless after a carriage return, so
  // lines count separately and only those with complex characters go through the segmenter.
  const lines = text.includes("\r") ? [text] : text.split("\n");
  let n = lines.length - 1;
  for (const line of lines) {
    if (isSimple(line)) n += line.length;
    else for (const _ of graphemeSegmenter.segment(line)) if (++n > atMost) return n;
  }
  return n;
}

/** The UTF-16 index after the first `count` graphemes of `text` (its length when it has fewer). */
export function graphemeWindow(text: string, count: number): number {
  if (count >= text.length) return text.length;
  if (isSimple(text)) return count;
  let n = 0;
  for (const { index, segment } of graphemeSegmenter.segment(text)) {
    if (++n === count) return index + segment.length;
  }
  return text.length;
}

/** UTF-8 bytes: Bluesky's facet offsets and its 3,000-byte cap are in these. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** UTF-16 indices after each grapheme that is not blank: a cut there keeps whole graphemes only. */
export function graphemeEnds(text: string): number[] {
  const ends: number[] = [];
  for (const { index, segment } of graphemeSegmenter.segment(text)) {
    if (!/^\s+$/u.test(segment)) ends.push(index + segment.length);
  }
  return ends;
}

/**
 * UTF-16 indices after each word. UAX #29 word boundaries are grapheme boundaries too; `atGrapheme`
 * checks it anyway when the text has anything but simple characters.
 */
export function wordEnds(text: string, atGrapheme?: ReadonlySet<number>): number[] {
  const ends: number[] = [];
  for (const { index, segment, isWordLike } of wordSegmenter.segment(text)) {
    const end = index + segment.length;
    if (isWordLike && (!atGrapheme || atGrapheme.has(end))) ends.push(end);
  }
  return ends;
}
