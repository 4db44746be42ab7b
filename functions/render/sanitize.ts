import sanitizeHtml from "sanitize-html";
import { shownImageUrl } from "../domain/image-url.js";
import { neutralizePlaceholders } from "../domain/text.js";
import { inertUrl } from "./urls.js";

/**
 * Article HTML comes from the CMS and goes to every subscriber's inbox. It is reduced to body copy:
 * an allow-list of tags, no attributes that run code or style the page, and links that work outside
 * the article's own site (an email has no base URL, so relative links are resolved or dropped).
 */

const BODY_TAGS = `p h2 h3 h4 a strong em ul ol li blockquote figure figcaption img br hr
  table caption thead tbody tfoot tr th td`.split(/\s+/);
/** Their text is not copy: code, styles, embeds and form widgets vanish with their content. */
const DROPPED_WITH_CONTENT =
  "script style textarea option select noscript template iframe object svg math title".split(" ");
const LINK_SCHEMES = ["http:", "https:", "mailto:"];

/** Resolves `value` against the article URL; `undefined` when it is not a safe absolute URL. */
function absoluteUrl(
  value: string | undefined,
  base: string,
  schemes: readonly string[],
): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return schemes.includes(url.protocol) ? inertUrl(url.href) : undefined;
  } catch {
    return undefined;
  }
}

function options(articleUrl: string): sanitizeHtml.IOptions {
  return {
    allowedTags: BODY_TAGS,
    allowedAttributes: {
      a: ["href", "title", "rel", "target"],
      img: ["src", "alt", "title"],
      th: ["colspan", "rowspan", "scope"],
      td: ["colspan", "rowspan"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["https"] },
    allowProtocolRelative: false,
    nonTextTags: DROPPED_WITH_CONTENT,
    transformTags: {
      h1: "h2",
      h5: "h4",
      h6: "h4",
      b: "strong",
      i: "em",
      a: (_tag, attribs) => {
        const href = absoluteUrl(attribs.href, articleUrl, LINK_SCHEMES);
        // An inert <a> rather than unwrapping: renaming one tag makes sanitize-html 2.17 close the
        // next same-depth <a> with the renamed tag (its transform map is not reset).
        if (!href) return { tagName: "a", attribs: {} };
        const link: sanitizeHtml.Attributes = { href, rel: "noopener", target: "_blank" };
        if (attribs.title) link.title = attribs.title;
        return { tagName: "a", attribs: link };
      },
      img: (_tag, attribs) => {
        const resolved = absoluteUrl(attribs.src, articleUrl, ["https:", "http:"]);
        const src = resolved && shownImageUrl(resolved);
        // An image without a usable source is removed by `exclusiveFilter` below.
        const image: sanitizeHtml.Attributes = src ? { src, alt: attribs.alt ?? "" } : {};
        if (src && attribs.title) image.title = attribs.title;
        return { tagName: "img", attribs: image };
      },
    },
    exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
  };
}

/** An innermost figure, and what it holds besides its caption. */
const FIGURE = /<figure>((?:(?!<figure>)[\s\S])*?)<\/figure>/g;
const CAPTION = /<figcaption>[\s\S]*?<\/figcaption>/g;

/** A caption whose image (or embed) was removed would sit under nothing: the figure goes whole. */
function dropCaptionOnlyFigures(html: string): string {
  return html.replace(FIGURE, (figure, inner: string) => {
    const rest = inner.replace(CAPTION, "");
    const shows = /<(img|table|hr)\b/.test(rest) || rest.replace(/<[^>]*>|&nbsp;|\s/g, "") !== "";
    return shows ? figure : "";
  });
}

/**
 * Sanitized article body, with anything that looks like an SES placeholder made inert.
 *
 * @example
 * sanitizeArticleHtml('<p onclick="x()">Hi <a href="/more">more</a>{{x}}</p>', "https://news.example/a/b");
 * // '<p>Hi <a href="https://news.example/more" rel="noopener" target="_blank">more</a>{\u200d{x}\u200d}</p>'
 */
export function sanitizeArticleHtml(html: string, articleUrl: string): string {
  return neutralizePlaceholders(dropCaptionOnlyFigures(sanitizeHtml(html, options(articleUrl))));
}
