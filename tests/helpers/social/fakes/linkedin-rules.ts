/** LinkedIn's error bodies and the checks its Posts API makes, for the LinkedIn fake. */

export const restError = (status: number, code: string, message: string, serviceErrorCode = 100) => ({
  status,
  serviceErrorCode,
  code,
  message,
});

/** The fields LinkedIn requires of an article post; the first one wrong is what it names. */
export function invalidPost(
  body: Record<string, unknown>,
  organization: string,
  images: Map<string, unknown>,
): [path: string, why: string] | undefined {
  const article = (body.content as { article?: Record<string, unknown> } | undefined)?.article;
  const distribution = body.distribution as Record<string, unknown> | undefined;
  if (body.author !== organization)
    return ["/author", "Author must be an organization the member administers"];
  if (typeof body.commentary !== "string" || body.commentary.length > 3000)
    return ["/commentary", "Commentary must be at most 3000 characters"];
  if (body.visibility !== "PUBLIC") return ["/visibility", "Invalid visibility"];
  if (distribution?.feedDistribution !== "MAIN_FEED") return ["/distribution", "Invalid feedDistribution"];
  if (body.lifecycleState !== "PUBLISHED") return ["/lifecycleState", "Invalid lifecycleState"];
  if (!article || typeof article.source !== "string" || typeof article.title !== "string")
    return ["/content/article", "Article source and title are required"];
  if (article.thumbnail !== undefined && !images.get(String(article.thumbnail)))
    return ["/content/article/thumbnail", "Thumbnail image is not uploaded"];
  return undefined;
}

/** A 422 as the Posts API sends one: `message`, and the input errors with their codes. */
export function badRequest(message: string, fieldPath: string, description: string, code: string) {
  return {
    errorDetailType: "com.linkedin.common.error.BadRequest",
    message,
    errorDetails: { inputErrors: [{ description, input: { inputPath: { fieldPath } }, code }] },
    status: 422,
  };
}
