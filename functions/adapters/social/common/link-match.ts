/**
 * Whether a post a network lists is the one Herald made, by its link. Networks hand links back
 * normalised (host case, percent-encoding), so both sides are parsed before comparing.
 */

function normalised(link: string): URL | undefined {
  try {
    return new URL(link.trim());
  } catch {
    return undefined;
  }
}

/**
 * The same URL, once parsed.
 *
 * @example
 * sameLink("https://News.example.org/a?x=1", "https://news.example.org/a?x=1"); // true
 */
export function sameLink(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const left = normalised(a);
  const right = normalised(b);
  return left !== undefined && right !== undefined && left.href === right.href;
}

/**
 * The same article page with the campaign parameters left out: a crawler that follows the article's
 * `og:url` may list the canonical URL instead of the tagged one it was given.
 *
 * @example
 * sameArticle("https://news.example.org/a", "https://news.example.org/a?utm_source=facebook"); // true
 */
export function sameArticle(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const strip = (link: string) => {
    const url = normalised(link);
    if (!url) return undefined;
    for (const key of [...url.searchParams.keys()]) if (key.startsWith("utm_")) url.searchParams.delete(key);
    url.hash = "";
    return url.href;
  };
  const left = strip(a);
  return left !== undefined && left === strip(b);
}
