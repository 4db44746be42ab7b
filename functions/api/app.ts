import { Hono } from "hono";
import type { Ports } from "../flows/ports.js";
import { adminAuth } from "./admin-auth.js";
import { jsonError, onError } from "./errors.js";
import openApi from "./openapi/openapi.json" with { type: "json" };
import { cmsWebhookRoutes } from "./routes/cms-webhooks.js";
import { confirmRoutes } from "./routes/confirm.js";
import { editionAdminRoutes } from "./routes/edition-admin.js";
import { editionRoutes, webVersionRoute } from "./routes/editions.js";
import { erasureRoutes } from "./routes/erasure.js";
import { preferencesRoutes } from "./routes/preferences.js";
import { shareRoutes } from "./routes/share.js";
import { socialAccountRoutes } from "./routes/social-accounts.js";
import { subscribeRoutes } from "./routes/subscribe.js";
import { subscriberAdminRoutes } from "./routes/subscribers-admin.js";
import { unsubscribeRoutes } from "./routes/unsubscribe.js";
import { webhookRoutes } from "./routes/webhook.js";

/**
 * The Hono app: the same object serves the API Lambda (`hono/aws-lambda`) and the local server
 * (`@hono/node-server`). It renders nothing with MJML; rendered editions come from storage.
 *
 * @example
 * const app = createApp(ports);
 * const res = await app.request("/v1/editions", { headers: { authorization: `Bearer ${key}` } });
 */
export function createApp(ports: Ports): Hono {
  const app = new Hono();
  app.onError(onError(ports.log));
  app.notFound((c) => jsonError(c, "not_found", `no route for ${c.req.method} ${c.req.path}`));

  // Public routes first: the web version lives under /v1/editions but needs no key.
  webhookRoutes(app, ports);
  cmsWebhookRoutes(app, ports);
  webVersionRoute(app, ports);
  unsubscribeRoutes(app, ports);
  shareRoutes(app, ports);
  subscribeRoutes(app, ports);
  confirmRoutes(app, ports);
  preferencesRoutes(app, ports);

  const admin = adminAuth(() => ports.secrets.adminKey);
  app.use("/v1/editions", admin);
  app.use("/v1/editions/*", admin);
  app.use("/v1/subscribers/:email", admin); // also /import and /export: one path segment
  app.use("/v1/suppressions/:email", admin);
  app.use("/v1/social/*", admin);
  editionRoutes(app, ports);
  editionAdminRoutes(app, ports);
  subscriberAdminRoutes(app, ports);
  erasureRoutes(app, ports);
  socialAccountRoutes(app, ports);

  // Generated from the zod schemas at build time (`npm run openapi`); a test keeps it current.
  app.get("/docs", (c) => c.json(openApi));
  app.get("/openapi.json", (c) => c.json(openApi));
  app.get("/health", (c) => c.json({ ok: true }));
  return app;
}
