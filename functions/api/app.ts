import { OpenAPIHono } from "@hono/zod-openapi";
import type { Ports } from "../flows/ports.js";
import { adminAuth } from "./admin-auth.js";
import { jsonError, onError, validationHook } from "./errors.js";
import { editionRoutes, webVersionRoute } from "./routes/editions.js";
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
export function createApp(ports: Ports): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.onError(onError(ports.log));
  app.notFound((c) => jsonError(c, "not_found", `no route for ${c.req.method} ${c.req.path}`));

  const admin = adminAuth(() => ports.secrets.adminKey);
  app.use("/v1/editions", admin);
  app.use("/v1/subscribers/*", async (c, next) =>
    c.req.method === "POST" && c.req.path === "/v1/subscribers" ? next() : admin(c, next),
  );
  app.use("/v1/editions/:id", admin);

  webhookRoutes(app, ports);
  webVersionRoute(app, ports);
  editionRoutes(app, ports);
  subscriberAdminRoutes(app, ports);
  unsubscribeRoutes(app, ports);

  app.openAPIRegistry.registerComponent("securitySchemes", "adminKey", { type: "http", scheme: "bearer" });
  const document = { openapi: "3.0.3", info: { title: "Herald", version: "1.0.0" } };
  app.doc("/docs", document);
  app.doc("/openapi.json", document);
  app.get("/health", (c) => c.json({ ok: true }));
  return app;
}
