import { Hono } from "hono/tiny";
import type { Ports } from "../flows/ports.js";
import { mountAdmin } from "./admin-routes.js";
import { jsonError, onError } from "./errors.js";
import { auditRoutes } from "./routes/audit.js";
import { briefingWebRoute } from "./routes/briefing-web.js";
import { briefingRoutes } from "./routes/briefings.js";
import { cmsWebhookRoutes } from "./routes/cms-webhooks.js";
import { confirmRoutes } from "./routes/confirm.js";
import { editionAdminRoutes } from "./routes/edition-admin.js";
import { editionCardRoute } from "./routes/edition-card.js";
import { editionRoutes, webVersionRoute } from "./routes/editions.js";
import {
  briefingStopRoutes,
  editionReviewRoutes,
  editionStopRoutes,
  emailPreviewRoutes,
} from "./routes/editorial.js";
import { erasureRoutes } from "./routes/erasure.js";
import { preferencesRoutes } from "./routes/preferences.js";
import { sessionRoutes } from "./routes/session.js";
import { shareRoutes } from "./routes/share.js";
import { socialAccountRoutes } from "./routes/social-accounts.js";
import { subscribeRoutes } from "./routes/subscribe.js";
import { subscriberStatsRoutes } from "./routes/subscriber-stats.js";
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

  // Public: each answers for itself (signatures, tokens, rate limits); the session routes check the cookie.
  webhookRoutes(app, ports);
  cmsWebhookRoutes(app, ports);
  webVersionRoute(app, ports);
  briefingWebRoute(app, ports);
  editionCardRoute(app, ports);
  unsubscribeRoutes(app, ports);
  shareRoutes(app, ports);
  subscribeRoutes(app, ports);
  confirmRoutes(app, ports);
  preferencesRoutes(app, ports);
  sessionRoutes(app, ports);

  // Admin: every route registered here is mounted behind the guard (key or session, CSRF, role, audit).
  mountAdmin(app, ports, (admin) => {
    editionRoutes(admin, ports);
    editionAdminRoutes(admin, ports);
    subscriberStatsRoutes(admin, ports); // before /v1/subscribers/:email
    subscriberAdminRoutes(admin, ports);
    erasureRoutes(admin, ports);
    briefingRoutes(admin, ports);
    // The editorial controls: one group per kind of decision, so each can carry its own role.
    editionStopRoutes(admin, ports);
    editionReviewRoutes(admin, ports);
    briefingStopRoutes(admin, ports);
    emailPreviewRoutes(admin, ports);
    socialAccountRoutes(admin, ports);
    auditRoutes(admin, ports);
  });

  // The OpenAPI document (`/openapi.json`, `/docs`) is a static file: the console's function serves it.
  app.get("/health", (c) => c.json({ ok: true }));
  return app;
}
