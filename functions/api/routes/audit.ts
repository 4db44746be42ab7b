import type { Hono } from "hono";
import type * as z from "zod";
import type { Ports } from "../../flows/ports.js";
import { type AuditPageView, ListQuery } from "../schemas.js";
import { parseOr400 } from "../validate.js";

/** `GET /v1/audit` (admin): changes made through the admin API, newest first, a page at a time. */
export function auditRoutes(app: Hono, ports: Ports) {
  app.get("/v1/audit", async (c) => {
    const { limit, cursor } = parseOr400(ListQuery, c.req.query());
    const page = await ports.audit.list(limit, cursor);
    c.header("cache-control", "no-store");
    return c.json(page satisfies z.infer<typeof AuditPageView>);
  });
}
