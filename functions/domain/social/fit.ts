import { graphemeEnds, graphemeWindow, isSimple, wordEnds } from "./graphemes.js";
import type { PostParts } from "./source.js";

/**
 * Fitting a post into a network's limit without breaking what readers see: cuts fall at word
 * boundaries (whole graphemes when a single word is longer than the room), never inside an emoji
 * ZWJ sequence, a flag or a letter with its combining marks, and end with an ellipsis. What gives
 * way first is fixed: hashtags, then the summary, then the title; the link is never touched.
 */

const ELLIPSIS = "…";
/** How far past the window the word segmenter looks, to see where the window's last word ends. */
const LOOKAHEAD = 64;

/** The largest `i` in `[0, count)` for which `ok(i)` holds, assuming it is monotone; -1 for none. */
function largest(count: number, ok: (i: number) => boolean): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (ok(mid)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The longest shortening of `text` that `ok` accepts: `text` itself, else a cut at a word boundary
 * with an ellipsis, else (one word longer than the room, unless `wordsOnly`) a cut between
 * graphemes; `undefined` when nothing fits. Cuts are only looked for within the first
 * `maxGraphemes` graphemes: measuring longer candidates that cannot fit is what makes fitting slow
 * (twitter-text's URL extraction is quadratic in the emoji before a link).
 *
 * @example
 * shorten("The quick brown fox", (t) => t.length <= 12); // "The quick…"
 * shorten("👩‍👩‍👧‍👦👩‍👩‍👧‍👦", (t) => t.length <= 13);  // "👩‍👩‍👧‍👦…" (never half a family)
 */
export function shorten(
  text: string,
  ok: (candidate: string) => boolean,
  { maxGraphemes = Number.POSITIVE_INFINITY, wordsOnly = false } = {},
): string | undefined {
  const window = graphemeWindow(text, maxGraphemes);
  if (window === text.length && ok(text)) return text;
  const cut = (end: number) => `${text.slice(0, end)}${ELLIPSIS}`;
  const best = (ends: number[]) => {
    const inside = ends.filter((end) => end <= window && end < text.length);
    const i = largest(inside.length, (k) => ok(cut(inside[k] as number)));
    return i >= 0 ? cut(inside[i] as number) : undefined;
  };
  // Only boundaries at most `window` are used, and those are the same in this scope as in the text.
  const scope = text.slice(0, window + LOOKAHEAD);
  const atGrapheme = isSimple(scope) ? undefined : graphemeEnds(scope);
  const atWord = best(wordEnds(scope, atGrapheme && new Set(atGrapheme)));
  if (atWord || wordsOnly) return atWord;
  return best(atGrapheme ?? graphemeEnds(scope));
}

/** How a network decides whether a post fits, and a bound that saves measuring hopeless ones. */
export interface FitRules {
  fits(parts: PostParts): boolean;
  /**
   * No title or summary with more graphemes than this can fit: true wherever each grapheme counts
   * at least one unit (links aside), i.e. the limit itself.
   */
  maxGraphemes: number;
}

/**
 * The parts, shortened until they fit: hashtags dropped from the last, then the summary cut at a
 * word (or dropped: half a word says nothing), then the title. Throws when not even the bare link
 * fits, which only a misconfigured limit (a Mastodon instance allowing fewer characters than a
 * link counts) causes.
 *
 * @example
 * fitParts(parts, { fits: (p) => render(p).length <= 500, maxGraphemes: 500 });
 */
export function fitParts(parts: PostParts, rules: FitRules): PostParts {
  const { title, summary, hashtags } = parts;
  const { fits, maxGraphemes: max } = rules;
  const titleOver = graphemeWindow(title, max) < title.length;
  const summaryOver = graphemeWindow(summary, max) < summary.length;
  if (!titleOver && !summaryOver && fits(parts)) return parts;
  const none: readonly string[] = [];
  // Each step is tried only when it can succeed.
  if (!titleOver && !summaryOver && hashtags.length > 0 && fits({ title, summary, hashtags: none })) {
    const kept = largest(hashtags.length, (n) => fits({ title, summary, hashtags: hashtags.slice(0, n) }));
    return { title, summary, hashtags: hashtags.slice(0, Math.max(kept, 0)) };
  }
  if (!titleOver && fits({ title, summary: "", hashtags: none })) {
    const ok = (s: string) => fits({ title, summary: s, hashtags: none });
    const short = summary && shorten(summary, ok, { maxGraphemes: max, wordsOnly: true });
    return { title, summary: short || "", hashtags: none };
  }
  const ok = (t: string) => fits({ title: t, summary: "", hashtags: none });
  const shortTitle = title && shorten(title, ok, { maxGraphemes: max });
  if (shortTitle) return { title: shortTitle, summary: "", hashtags: none };
  const bare = { title: "", summary: "", hashtags: none };
  if (fits(bare)) return bare;
  throw new Error("the link alone exceeds the network's length limit");
}

/**
 * How a link is shown when the full URL would crowd out the text: host and the start of the path,
 * with an ellipsis, the way Bluesky's own app shortens links (the facet or `href` keeps the full
 * URL). URLs up to `max` characters are shown whole.
 *
 * @example
 * displayUrl("https://news.example.org/2025/02/a-very-long-slug?utm_source=x", 30); // "news.example.org/2025/02/a-ve…"
 */
export function displayUrl(url: string, max: number): string {
  if (url.length <= max) return url;
  const { host, pathname } = new URL(url);
  const short = `${host}${pathname === "/" ? "" : pathname}`;
  return short.length < max ? `${short}${ELLIPSIS}` : `${short.slice(0, max - 1)}${ELLIPSIS}`;
}
