/**
 * Feed readers go by namespace, not by prefix: `<a:feed xmlns:a="http://www.w3.org/2005/Atom">` is an
 * Atom feed, `<a10:updated>` in .NET's RSS is `atom:updated`, and `<p0:entry xmlns:p0="…Atom">` is an
 * entry. The readers name elements by the usual prefixes, so every prefix the document binds to a
 * namespace they know is renamed to that usual one before they see it.
 */

/** Namespace URI (without a trailing slash) → the prefix the readers use; "" for no prefix. */
const USUAL_PREFIX: Record<string, string> = {
  "http://www.w3.org/2005/Atom": "atom",
  "http://purl.org/rss/1.0/modules/content": "content",
  "http://purl.org/dc/elements/1.1": "dc",
  "http://purl.org/dc/terms": "dcterms",
  "http://search.yahoo.com/mrss": "media",
  "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
  // RSS 1.0's own elements (item, title, link) are unprefixed in every RSS 1.0 document we know.
  "http://purl.org/rss/1.0": "",
};
const ATOM = "http://www.w3.org/2005/Atom";

const DECLARATION = /\sxmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ROOT = /<(?![?!])(?:([\w.-]+):)?([\w.-]+)/;

const normalizeUri = (uri: string) => uri.trim().replace(/\/$/, "");

/**
 * A tag-name renamer for one document. In an Atom document (its root is Atom's `feed`, whatever the
 * prefix) Atom elements lose their prefix, as the Atom reader names them; elsewhere they are `atom:`.
 * Prefixes bound twice to different namespaces keep the first binding: real feeds do not do that.
 *
 * @example
 * const rename = tagRenamer('<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry/></a:feed>');
 * rename("a:entry"); // "entry"
 */
export function tagRenamer(xml: string): (name: string) => string {
  const bound = new Map<string, string>();
  let defaultUri: string | undefined;
  for (const [, prefix, double, single] of xml.matchAll(DECLARATION)) {
    const uri = normalizeUri(double ?? single ?? "");
    if (prefix === undefined) defaultUri ??= uri;
    else if (!bound.has(prefix)) bound.set(prefix, uri);
  }
  const [, rootPrefix, rootName] = ROOT.exec(xml) ?? [];
  const rootUri = rootPrefix === undefined ? defaultUri : bound.get(rootPrefix);
  const atomDocument = rootName === "feed" && (rootUri === undefined || rootUri === ATOM);
  const usual = (uri: string) => (uri === ATOM && atomDocument ? "" : USUAL_PREFIX[uri]);
  const renamed = new Map<string, string>();
  for (const [prefix, uri] of bound) {
    const to = usual(uri);
    if (to !== undefined && to !== prefix) renamed.set(prefix, to);
  }
  if (renamed.size === 0) return (name) => name;
  return (name) => {
    const colon = name.indexOf(":");
    if (colon < 0) return name;
    const to = renamed.get(name.slice(0, colon));
    if (to === undefined) return name;
    return to === "" ? name.slice(colon + 1) : `${to}:${name.slice(colon + 1)}`;
  };
}
