import mjml2html from "mjml";
import type { Article } from "../domain/article.js";
import type { Config } from "../domain/config.js";
import { PLACEHOLDERS, type RenderedEdition } from "../domain/rendered.js";
import { type EditionContent, editionContent } from "./edition-content.js";
import { type Excerpt, excerptHtml } from "./excerpt.js";
import { openGraphTags } from "./open-graph.js";
import { assertOnlyPlaceholders } from "./placeholder-guard.js";
import { htmlToPlainText, plainTextPart } from "./plain-text.js";
import { sanitizeArticleHtml } from "./sanitize.js";
import { fillTemplate } from "./template.js";
import { templateSource } from "./template-source.js";
import { templatesDir } from "./templates-dir.js";
import { webVersion } from "./web-version.js";

/** Gmail clips a message whose HTML is larger than this and hides the rest, footer included. */
export const GMAIL_CLIP_BYTES = 102_400;
/** SES puts each recipient's unsubscribe and preference URLs in after rendering: room for both. */
const PERSONALIZATION_HEADROOM = 2_048;
const MAX_HTML_BYTES = GMAIL_CLIP_BYTES - PERSONALIZATION_HEADROOM;
/** About what the template adds around the body; a huge body is cut before the first render. */
const TEMPLATE_BYTES_ESTIMATE = 24_000;
const MAX_ATTEMPTS = 4;

const MJML_OPTIONS = {
  // A template mistake should fail the render, not ship a half-broken email.
  validationLevel: "strict",
  // The herald:* markers and Outlook's conditional comments are comments.
  keepComments: true,
  // htmlnano costs more than the bytes it saves here and rewrites comments.
  minify: false,
  beautify: false,
  // No web-font <link>: it would make every open a request to a font host.
  fonts: {},
  // Partials are inlined when the template is loaded (template-source.ts).
  ignoreIncludes: true,
} as const;

export interface RenderOptions {
  /** Directory holding `article.mjml` and `partials/`; by default found by `templatesDir()`. */
  templatesDir?: string;
}

const encoder = new TextEncoder();

/**
 * Renders an article once for every recipient of an edition: subject, preheader, HTML (under
 * Gmail's clipping size, shortened to an excerpt with a "Continue reading" link when needed),
 * plain text, and the web version. Per-recipient links are left as SES placeholders.
 *
 * @example
 * const rendered = await renderEdition(article, "ed_4f1Xc0aQ2pLk9sT7vWy3zB", config);
 * rendered.subject;                             // "Breaking: Storm closes the bridge"
 * rendered.html.includes("{{unsubscribeUrl}}"); // true; SES fills it per recipient
 * rendered.webHtml.includes("{{");              // false
 */
export async function renderEdition(
  article: Article,
  editionId: string,
  config: Config,
  options: RenderOptions = {},
): Promise<RenderedEdition> {
  const source = await templateSource(options.templatesDir ?? templatesDir(), "article.mjml");
  const body = sanitizeArticleHtml(article.bodyHtml ?? "", article.url);
  const content = editionContent(article, editionId, config, body);

  let budget = MAX_HTML_BYTES - TEMPLATE_BYTES_ESTIMATE;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const excerpt = excerptHtml(body, budget);
    const html = await renderHtml(source, content, excerpt);
    const overflow = encoder.encode(html).length - MAX_HTML_BYTES;
    if (overflow <= 0) return finish(content, excerpt, html);
    // The template around the body has a fixed size, so taking the overflow off the body fits; the
    // margin covers the "Continue reading" block that appears once the body is cut.
    budget = attempt === MAX_ATTEMPTS - 1 ? 0 : encoder.encode(excerpt.html).length - overflow - 1_024;
  }
  throw new Error(`edition ${editionId} exceeds ${MAX_HTML_BYTES} bytes of HTML even without its body`);
}

async function renderHtml(source: string, content: EditionContent, excerpt: Excerpt): Promise<string> {
  const mjml = fillTemplate(source, {
    ...content.values,
    bodyHtml: excerpt.html,
    continueReading: excerpt.truncated,
  });
  const { html } = await mjml2html(mjml, MJML_OPTIONS);
  return html;
}

function finish(content: EditionContent, excerpt: Excerpt, html: string): RenderedEdition {
  const text = plainTextPart({
    ...content,
    bodyText: htmlToPlainText(excerpt.html),
    truncated: excerpt.truncated,
  });
  const rendered: RenderedEdition = {
    subject: content.subject,
    preheader: content.preheader,
    html,
    text,
    webHtml: webVersion(
      html,
      openGraphTags({
        title: content.title,
        description: content.preheader,
        imageUrl: content.cardUrl,
        url: content.articleUrl,
        siteName: content.brandName,
      }),
    ),
  };
  assertOnlyPlaceholders("subject", rendered.subject, []);
  assertOnlyPlaceholders("preheader", rendered.preheader, []);
  assertOnlyPlaceholders("html", rendered.html, PLACEHOLDERS);
  assertOnlyPlaceholders("text", rendered.text, PLACEHOLDERS);
  assertOnlyPlaceholders("webHtml", rendered.webHtml, []);
  return rendered;
}
