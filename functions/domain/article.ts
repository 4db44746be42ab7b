import * as z from "zod";
import { singleLine } from "./text.js";

/** Maximum webhook body: an article with a long body and its HTML fits with room to spare. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

const httpUrl = z
  .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
  .max(2048, "must be at most 2048 characters");
const line = (max: number) => z.string().trim().min(1).max(max).transform(singleLine);

/**
 * The article as a CMS sends it to `POST /v1/webhooks/articles`. Topics are checked against the
 * newsroom's configured list, so the schema is built from it.
 *
 * @example
 * const Article = articleSchema(["world", "politics"]);
 * const article = Article.parse(JSON.parse(body));
 */
export function articleSchema(knownTopics: readonly string[]) {
  const topic = z.string().refine((t) => knownTopics.includes(t), {
    message: `unknown topic (known: ${knownTopics.join(", ")})`,
  });
  return z
    .object({
      id: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .regex(/^[\w.:~-]+$/, "letters, digits and . _ : ~ - only"),
      version: z.string().trim().min(1).max(100).optional(),
      url: httpUrl,
      title: line(300),
      summary: z.string().max(2000).transform(singleLine).optional(),
      bodyHtml: z.string().max(200_000).optional(),
      author: line(200).optional(),
      imageUrl: httpUrl.optional(),
      topics: z
        .array(topic)
        .min(1, "at least one topic")
        .max(20)
        .transform((ts) => [...new Set(ts)]),
      publishedAt: z.iso.datetime({ offset: true }),
      breaking: z.boolean().default(false),
      channels: z
        .object({ email: z.boolean().default(true), social: z.boolean().default(true) })
        .default({ email: true, social: true }),
    })
    .transform((a) => ({ ...a, version: a.version ?? a.publishedAt }));
}

export type Article = z.output<ReturnType<typeof articleSchema>>;
