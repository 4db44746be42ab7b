import * as z from "zod";
import { type CmsResult, httpUrlOrUndefined, invalidPayload, toArticle } from "./cms-article.js";
import { clip, decodeEntities, htmlToText } from "./html-text.js";
import { mapTopics, type TopicRules } from "./topic-map.js";

const Rendered = z.object({ rendered: z.string().max(1_000_000), protected: z.boolean().nullish() });
// `_embedded` entries can be error objects (`{code, message}`) when a relation is not public.
const Named = z.object({ name: z.string().nullish() });

/**
 * The part of a WordPress REST API post (`GET /wp-json/wp/v2/posts/<id>?_embed`, the object common
 * webhook plugins send) that Herald reads. `date_gmt` is GMT without a zone suffix, as WordPress
 * writes it; categories and tags are names only when embedded (`_embed`), ids otherwise.
 */
export const WordPressPost = z.object({
  id: z.number().int().positive(),
  date_gmt: z.string().nullish(),
  modified_gmt: z.string().nullish(),
  link: z.string(),
  status: z.string().nullish(),
  title: Rendered,
  excerpt: Rendered.nullish(),
  content: Rendered.nullish(),
  jetpack_featured_media_url: z.string().nullish(),
  _embedded: z
    .object({
      author: z.array(Named).nullish(),
      "wp:term": z.array(z.array(Named.extend({ slug: z.string().nullish() }))).nullish(),
      "wp:featuredmedia": z.array(z.object({ source_url: z.string().nullish() })).nullish(),
    })
    .nullish(),
});

const FIELDS = {
  id: "id",
  url: "link",
  title: "title.rendered",
  summary: "excerpt.rendered",
  bodyHtml: "content.rendered",
  author: "_embedded.author",
  imageUrl: "_embedded.wp:featuredmedia",
  topics: "_embedded.wp:term",
  publishedAt: "date_gmt",
  version: "date_gmt",
};

/**
 * WordPress stores term names HTML-escaped (sanitize_term_field runs them through its HTML filters)
 * and the REST API returns them as stored: "News &amp; Politics" is the category "News & Politics".
 */
const termName = (name: string | null | undefined) => decodeEntities(name ?? "").trim();

/** Slugs of non-ASCII names are percent-encoded UTF-8 ("%d0%bf%d0%be…"); the map names them decoded. */
function termSlug(slug: string | null | undefined): string {
  try {
    return decodeURIComponent(slug ?? "");
  } catch {
    return slug ?? "";
  }
}

/** WordPress writes GMT times without a zone ("2025-02-15T09:00:00"); say that they are UTC. */
const asUtc = (gmt: string | null | undefined) =>
  gmt && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(gmt) ? `${gmt}Z` : (gmt ?? undefined);

/**
 * A WordPress REST API post as an Article: `wp-<post id>`, versioned by its publication time (GMT),
 * so the same post sent again on every later save (`post_update`) is a duplicate, never a second
 * edition. Embedded categories and tags map to topics; password-protected text stays out.
 *
 * @example
 * const result = wordpressArticle(JSON.parse(raw), config.topics, topicRules(config));
 */
export function wordpressArticle(payload: unknown, topics: readonly string[], rules: TopicRules): CmsResult {
  const parsed = WordPressPost.safeParse(payload);
  if (!parsed.success) throw invalidPayload("WordPress REST API post", parsed.error.issues);
  const post = parsed.data;
  if (post.status && post.status !== "publish") {
    return { kind: "ignored", reason: `the post is ${post.status}, not published` };
  }
  const embedded = post._embedded;
  const excerpt =
    post.excerpt && !post.excerpt.protected
      ? htmlToText(post.excerpt.rendered).replace(/\s*\[…\]$/, "…")
      : "";
  const author = htmlToText(embedded?.author?.[0]?.name ?? "");
  const image = embedded?.["wp:featuredmedia"]?.[0]?.source_url ?? post.jetpack_featured_media_url;
  const terms = (embedded?.["wp:term"] ?? []).flat().flatMap((t) => [termName(t.name), termSlug(t.slug)]);
  const date = asUtc(post.date_gmt);
  return toArticle(
    {
      id: `wp-${post.id}`,
      version: date,
      url: post.link,
      title: htmlToText(post.title.rendered),
      summary: excerpt ? clip(excerpt, 2000) : undefined,
      bodyHtml:
        post.content && !post.content.protected && post.content.rendered ? post.content.rendered : undefined,
      author: author ? clip(author, 200) : undefined,
      imageUrl: httpUrlOrUndefined(image, post.link),
      topics: mapTopics(
        terms.filter((t) => t !== ""),
        rules,
      ),
      publishedAt: date,
    },
    topics,
    FIELDS,
    "WordPress post",
  );
}
