import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import * as z from "zod";
import { MAX_WEBHOOK_BYTES } from "../../domain/article.js";
import type { CmsResult } from "../../domain/cms/cms-article.js";
import { ghostArticle } from "../../domain/cms/ghost.js";
import { verifyGhostSignature } from "../../domain/cms/ghost-signature.js";
import { topicRules } from "../../domain/cms/topic-map.js";
import { wordpressArticle } from "../../domain/cms/wordpress.js";
import { type SignatureCheck, verifySignature } from "../../domain/webhook-signature.js";
import type { Ports } from "../../flows/ports.js";
import { publish } from "../../flows/publish.js";
import { jsonError } from "../errors.js";

/** The answer to a post that is not (yet) public: nothing is recorded. */
export const IgnoredResponse = z.object({ status: z.literal("ignored"), reason: z.string() });

interface CmsWebhook {
  path: string;
  name: "ghost" | "wordpress";
  verify: (c: Context, raw: string, ports: Ports) => SignatureCheck;
  map: (payload: unknown, topics: readonly string[], rules: ReturnType<typeof topicRules>) => CmsResult;
}

const WEBHOOKS: CmsWebhook[] = [
  {
    path: "/v1/webhooks/ghost",
    name: "ghost",
    verify: (c, raw, ports) =>
      verifyGhostSignature(
        ports.secrets.webhookSecrets,
        c.req.header("x-ghost-signature"),
        raw,
        ports.now().getTime(),
      ),
    map: ghostArticle,
  },
  {
    path: "/v1/webhooks/wordpress",
    name: "wordpress",
    verify: (c, raw, ports) =>
      verifySignature(
        ports.secrets.webhookSecrets,
        c.req.header("herald-signature"),
        raw,
        Math.floor(ports.now().getTime() / 1000),
      ),
    map: wordpressArticle,
  },
];

/**
 * `POST /v1/webhooks/ghost` (Ghost's own `post.published` webhook and `X-Ghost-Signature`) and
 * `POST /v1/webhooks/wordpress` (a WordPress REST API post, signed with `Herald-Signature`). Both take
 * the article webhook's path: size cap, signature over the raw bytes, then JSON, then the mapping,
 * then `publish()` — same edition id rules, same answers (202 new, 200 duplicate).
 *
 * @example
 * cmsWebhookRoutes(app, ports); // in createApp, beside the article webhook
 */
export function cmsWebhookRoutes(app: Hono, ports: Ports) {
  const rules = topicRules(ports.config);
  for (const hook of WEBHOOKS) {
    app.post(
      hook.path,
      bodyLimit({
        maxSize: MAX_WEBHOOK_BYTES,
        onError: (c) =>
          jsonError(c, "payload_too_large", `the body must be at most ${MAX_WEBHOOK_BYTES} bytes`),
      }),
      async (c) => {
        const raw = await c.req.text();
        const check = hook.verify(c, raw, ports);
        if (!check.ok) return jsonError(c, "unauthorized", check.reason);
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          return jsonError(c, "invalid_request", "the body is not valid JSON");
        }
        const result = hook.map(json, ports.config.topics, rules);
        if (result.kind === "ignored") {
          ports.log.info("cms post ignored", { cms: hook.name, reason: result.reason });
          return c.json(
            { status: "ignored", reason: result.reason } satisfies z.infer<typeof IgnoredResponse>,
            200,
          );
        }
        const published = await publish(ports, result.article, { source: hook.name });
        ports.log.info("cms post received", { cms: hook.name, articleId: result.article.id, ...published });
        return published.duplicate
          ? c.json({ editionId: published.editionId, status: "queued", duplicate: true }, 200)
          : c.json({ editionId: published.editionId, status: "queued" }, 202);
      },
    );
  }
}
