import * as z from "zod";
import { type CmsResult, httpUrlOrUndefined, invalidPayload, toArticle } from "./cms-article.js";
import { clip } from "./html-text.js";
import { mapTopics, type TopicRules } from "./topic-map.js";

const text = z.string().max(1_000_000).nullish();
const GhostTag = z.object({ name: z.string(), slug: z.string().nullish(), visibility: z.string().nullish() });

/**
 * The part of Ghost's `post.published` payload (`{"post":{"current":{…},"previous":{…}}}`, a post as
 * the Admin API serializes it, with `html` and `plaintext`) that Herald reads; the rest is ignored.
 */
export const GhostWebhook = z.object({
  post: z.object({
    current: z.object({
      id: z.string().regex(/^[\w-]{1,100}$/, "a Ghost object id"),
      uuid: z.string().nullish(),
      title: z.string(),
      slug: z.string().nullish(),
      html: text,
      plaintext: text,
      excerpt: text,
      custom_excerpt: text,
      feature_image: z.string().nullish(),
      url: z.string(),
      status: z.string().nullish(),
      visibility: z.string().nullish(),
      published_at: z.string().nullish(),
      updated_at: z.string().nullish(),
      primary_author: z.object({ name: z.string().nullish() }).nullish(),
      tags: z.array(GhostTag).nullish(),
    }),
  }),
});

/**
 * Ghost's title, excerpts and names are plain text (Ghost's own RSS writes `post.title` as text):
 * "Using the <dialog> element" names an element, and "&amp;" in a title is what the author typed.
 * Only the whitespace is tidied; every renderer escapes what it shows.
 */
const plainLine = (value: string) => value.replace(/\s+/g, " ").trim();

// Article field → the Ghost field it came from, for the 400's issue paths.
const FIELDS = {
  id: "post.current.id",
  url: "post.current.url",
  title: "post.current.title",
  summary: "post.current.custom_excerpt",
  bodyHtml: "post.current.html",
  author: "post.current.primary_author.name",
  imageUrl: "post.current.feature_image",
  topics: "post.current.tags",
  publishedAt: "post.current.published_at",
  version: "post.current.published_at",
};

/**
 * A Ghost `post.published` payload as an Article: `ghost-<post id>`, versioned by its publication
 * time (so `post.published.edited`, if an editor wires it here too, never sends the post twice),
 * tags mapped to topics by name or slug. Internal tags (`#newsletter-tech`) map only when the topic
 * map names them: a way to steer the newsletter without a visible tag. Members-only and paid posts
 * go out without their body: the email must not give away what the site sells. The title, excerpt
 * and author are taken as plain text, never as HTML.
 *
 * @example
 * const result = ghostArticle(JSON.parse(raw), config.topics, topicRules(config));
 * if (result.kind === "article") await publish(ports, result.article);
 */
export function ghostArticle(payload: unknown, topics: readonly string[], rules: TopicRules): CmsResult {
  const parsed = GhostWebhook.safeParse(payload);
  if (!parsed.success) throw invalidPayload("Ghost post webhook", parsed.error.issues);
  const post = parsed.data.post.current;
  if (post.status && post.status !== "published") {
    return { kind: "ignored", reason: `the post is ${post.status}, not published` };
  }
  const summary = plainLine(post.custom_excerpt || post.excerpt || "");
  const author = plainLine(post.primary_author?.name ?? "");
  const isPublic = !post.visibility || post.visibility === "public";
  return toArticle(
    {
      id: `ghost-${post.id}`,
      version: post.published_at ?? undefined,
      url: post.url,
      title: plainLine(post.title),
      summary: summary ? clip(summary, 2000) : undefined,
      bodyHtml: isPublic && post.html ? post.html : undefined,
      author: author ? clip(author, 200) : undefined,
      imageUrl: httpUrlOrUndefined(post.feature_image, post.url),
      topics: mapTopics(
        (post.tags ?? []).flatMap((t) => [t.name, t.slug ?? ""]),
        rules,
      ),
      publishedAt: post.published_at,
    },
    topics,
    FIELDS,
    "Ghost post",
  );
}
