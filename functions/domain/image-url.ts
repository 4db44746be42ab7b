/**
 * One policy for every image Herald shows or fetches (the email's lead image and body images, the
 * web version, the briefing's thumbnails, the social card): an image on plain http is asked for over
 * https instead, as browsers upgrade mixed-content images. The web version's CSP allows https images
 * only, and a newsroom's CMS that names `http://` images usually serves them over https as well
 * (a WordPress behind a TLS proxy with an http site URL is the common case); an image whose host
 * has no https then fails the same way everywhere, and the card is drawn without it.
 *
 * Loopback hosts are left alone: the W3C Secure Contexts spec counts them as trustworthy, and a
 * newsroom trying Herald on its own machine serves images from there.
 */

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The URL to show or fetch an image from; `undefined` when it cannot be shown at all (not http(s),
 * not a URL).
 *
 * @example
 * shownImageUrl("http://news.example/a.jpg");  // "https://news.example/a.jpg"
 * shownImageUrl("https://news.example/a.jpg"); // "https://news.example/a.jpg"
 * shownImageUrl("data:image/png;base64,AAAA");  // undefined
 */
export function shownImageUrl(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol === "https:") return href;
  if (url.protocol !== "http:") return undefined;
  if (LOOPBACK.test(url.hostname)) return href;
  url.protocol = "https:";
  return url.href;
}
