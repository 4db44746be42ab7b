import { type Article, articleSchema } from "../article.js";
import { type FieldIssue, fieldIssues, HeraldError } from "../errors.js";

/** What a CMS payload comes to: an article to publish, or a reason to leave it alone (a draft, say). */
export type CmsResult = { kind: "article"; article: Article } | { kind: "ignored"; reason: string };

/**
 * Validates what a CMS mapping produced against the article schema. Issues name the CMS's own field
 * (`post.current.url`, not `url`) through `fieldOf`, so the CMS's operator knows what to fix.
 *
 * @example
 * toArticle(input, config.topics, { url: "link", title: "title.rendered" });
 */
export function toArticle(
  input: Record<string, unknown>,
  topics: readonly string[],
  fieldOf: Record<string, string>,
  what: string,
): CmsResult {
  const parsed = articleSchema(topics).safeParse(input);
  if (parsed.success) return { kind: "article", article: parsed.data };
  const issues: FieldIssue[] = fieldIssues(parsed.error.issues).map((issue) => {
    const [head = "", ...rest] = issue.path.split(".");
    return { ...issue, path: [fieldOf[head] ?? head, ...rest].join(".") };
  });
  throw new HeraldError("invalid_request", `the ${what} cannot be made an article`, issues);
}

/** A payload that does not have the CMS's shape: 400 with the fields at fault. */
export function invalidPayload(
  what: string,
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): HeraldError {
  return new HeraldError("invalid_request", `the body is not a ${what}`, fieldIssues(issues));
}

/** `href` resolved against `base`, if the result is an http(s) URL of a sane length. */
export function httpUrlOrUndefined(href: string | null | undefined, base?: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    return /^https?:$/.test(url.protocol) && url.href.length <= 2048 ? url.href : undefined;
  } catch {
    return undefined;
  }
}
