import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { articleSchema, MAX_WEBHOOK_BYTES } from "../../domain/article.js";
import { PublishOptions } from "../../domain/editorial.js";
import { verifySignature } from "../../domain/webhook-signature.js";
import type { Ports } from "../../flows/ports.js";
import { publish } from "../../flows/publish.js";
import { jsonError } from "../errors.js";
import { parseOr400 } from "../validate.js";

/**
 * `POST /v1/webhooks/articles`: the CMS's publish call. Order matters: size cap, then the signature
 * over the raw bytes, then JSON and schema. Nobody without the secret learns what a valid body is.
 */
export function webhookRoutes(app: Hono, ports: Ports) {
  const Article = articleSchema(ports.config.topics);
  app.post(
    "/v1/webhooks/articles",
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
      const article = parseOr400(Article, json, "the article is not valid");
      // `sendAt` and `review` sit beside the article's fields: when to send it, and whether to hold it.
      const options = parseOr400(PublishOptions, json, "the article is not valid");
      const result = await publish(ports, article, { source: "webhook", ...options });
      ports.log.info("article received", { articleId: article.id, ...result });
      return result.duplicate
        ? c.json({ editionId: result.editionId, status: "queued", duplicate: true }, 200)
        : c.json({ editionId: result.editionId, status: "queued" }, 202);
    },
  );
}
