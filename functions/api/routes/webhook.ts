import type { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { articleSchema, MAX_WEBHOOK_BYTES } from "../../domain/article.js";
import { fieldIssues } from "../../domain/errors.js";
import { verifySignature } from "../../domain/webhook-signature.js";
import type { Ports } from "../../flows/ports.js";
import { publish } from "../../flows/publish.js";
import { jsonError } from "../errors.js";
import { ErrorResponse, PublishResponse } from "../schemas.js";

/**
 * `POST /v1/webhooks/articles`: the CMS's publish call. Order matters: size cap, then the signature
 * over the raw bytes, then JSON and schema. Nobody without the secret learns what a valid body is.
 */
export function webhookRoutes(app: OpenAPIHono, ports: Ports) {
  const Article = articleSchema(ports.config.topics);
  const path = "/v1/webhooks/articles";

  app.post(
    path,
    bodyLimit({
      maxSize: MAX_WEBHOOK_BYTES,
      onError: (c) =>
        jsonError(c, "payload_too_large", `the body must be at most ${MAX_WEBHOOK_BYTES} bytes`),
    }),
    async (c) => {
      const raw = await c.req.text();
      const nowSeconds = Math.floor(ports.now().getTime() / 1000);
      const check = verifySignature(
        ports.secrets.webhookSecrets,
        c.req.header("herald-signature"),
        raw,
        nowSeconds,
      );
      if (!check.ok) return jsonError(c, "unauthorized", check.reason);
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return jsonError(c, "invalid_request", "the body is not valid JSON");
      }
      const parsed = Article.safeParse(json);
      if (!parsed.success) {
        return jsonError(c, "invalid_request", "the article is not valid", fieldIssues(parsed.error.issues));
      }
      const result = await publish(ports, parsed.data);
      ports.log.info("article received", { articleId: parsed.data.id, ...result });
      return result.duplicate
        ? c.json({ editionId: result.editionId, status: "queued" as const, duplicate: true }, 200)
        : c.json({ editionId: result.editionId, status: "queued" as const }, 202);
    },
  );

  app.openAPIRegistry.registerPath({
    method: "post",
    path,
    summary: "Publish an article (signed by the CMS)",
    description:
      'Header `Herald-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, 300 s tolerance, body ≤ 256 KB.',
    request: {
      body: { content: { "application/json": { schema: Article } } },
    },
    responses: {
      202: {
        description: "a new edition was recorded",
        content: { "application/json": { schema: PublishResponse } },
      },
      200: {
        description: "a duplicate: the same edition",
        content: { "application/json": { schema: PublishResponse } },
      },
      400: { description: "invalid article", content: { "application/json": { schema: ErrorResponse } } },
      401: {
        description: "bad or missing signature",
        content: { "application/json": { schema: ErrorResponse } },
      },
      413: { description: "body over 256 KB", content: { "application/json": { schema: ErrorResponse } } },
    },
  });
}
