/**
 * Characters that read as a full stop in a domain name but are not U+002E: what a spammer types to
 * get `evil。com` past a filter that looks for ".". (NFKC already folds the fullwidth `．`, `․` and
 * `﹒` into "."; these it leaves alone.)
 */
const DOT_LOOKALIKES =
  /[\u00b7\u0589\u0660\u06d4\u06f0\u0701\u0702\u1362\u166e\u1803\u16eb\u2027\u2219\u22c5\u2e31\u2e33\u2e3c\u3002\u30fb\ua4f8\ua60e]/gu;
/** Invisible characters (zero-width spaces and joiners, soft hyphens, bidi marks) and combining marks. */
const INVISIBLE = /[\p{Cf}\p{M}]/gu;

/** What makes text a link, once look-alikes are folded away. Prose puts a space after a full stop. */
const LINK_PATTERNS = [
  // A scheme, or the "://" of one.
  /\b(?:https?|ftp|mailto|javascript|data|file)\s*:|:\/\//,
  /\bwww\s*\./,
  // A bare domain: a name, a dot and two letters or more, with no space between (bit.ly, prize-claim.shop).
  /[\p{L}\p{N}_-]\.(?:\p{L}{2,}|xn--)/u,
  // The same spread out: a space before the dot (bit .ly), or a path after a spaced one (bit. ly/x).
  /[\p{L}\p{N}]\s+\.\s*\p{L}{2,}/u,
  /[\p{L}\p{N}]\.\s+\p{L}{2,}\s*\//u,
  // A dot spelled out or bracketed: evil[.]com, evil(dot)com, evil dot com.
  /[([{<]\s*(?:\.|dot)\s*[)\]}>]/,
  /\bdot\s*(?:com|net|org|info|biz|ru|cn|io|co|ly|xyz|top|shop|site|online|click|link|app)\b/,
  // An IPv4 address.
  /\d{1,3}(?:\s*\.\s*\d{1,3}){3}/,
];

/**
 * Whether text contains anything a mail client or a reader could follow: a URL, a bare domain, an
 * IP address, or one of those disguised with fullwidth or other look-alike dots, invisible characters,
 * look-alike letters (folded by NFKC) or a spelled-out "dot". Deliberately stricter than a linkifier:
 * any `name.xx` counts, whatever the top-level domain, so `prize-claim.shop` is as refused as
 * `bit.ly`. Written prose ("I liked it. Did you?", "3.5 million", "e.g.") passes.
 *
 * @example
 * looksLikeLink("see evil．com/win"); // true
 * looksLikeLink("Thought of you. Enjoy!"); // false
 */
export function looksLikeLink(text: string): boolean {
  const folded = text.normalize("NFKC").replace(INVISIBLE, "").replace(DOT_LOOKALIKES, ".").toLowerCase();
  return LINK_PATTERNS.some((pattern) => pattern.test(folded));
}
