import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { parseSubscriberCsv, subscriberCsvStream } from "../../adapters/csv/subscriber-csv.js";
import { HeraldError } from "../../domain/errors.js";
import { normalizeEmail, subscriberId } from "../../domain/subscriber.js";
import { importSubscribers } from "../../flows/import-subscribers.js";
import type { Ports } from "../../flows/ports.js";
import { jsonError } from "../errors.js";
import { ErrorResponse, errorResponses, ImportResult, SubscriberView } from "../schemas.js";

/** An import file may be large, but not unbounded: 10 MB is ~150,000 typical rows. */
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const security = [{ adminKey: [] }];

/** Admin subscriber management: CSV import and export, and one subscriber's record. */
export function subscriberAdminRoutes(app: OpenAPIHono, ports: Ports) {
  app.post(
    "/v1/subscribers/import",
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: (c) => jsonError(c, "payload_too_large", `the file must be at most ${MAX_IMPORT_BYTES} bytes`),
    }),
    async (c) => {
      const type = c.req.header("content-type") ?? "";
      if (!/^text\/(csv|plain)\b/i.test(type)) {
        return jsonError(c, "invalid_request", "send the file as text/csv", [
          { path: "content-type", message: "must be text/csv" },
        ]);
      }
      const rows = parseSubscriberCsv(await c.req.text());
      const report = await importSubscribers(ports, rows);
      ports.log.info("subscribers imported", { imported: report.imported, skipped: report.skipped });
      return c.json(report, 200);
    },
  );
  app.openAPIRegistry.registerPath({
    method: "post",
    path: "/v1/subscribers/import",
    summary: "Import subscribers from CSV (email[,name,topics,cadence]; topics separated by |)",
    security,
    request: { body: { content: { "text/csv": { schema: z.string() } } } },
    responses: {
      200: { description: "import report", content: { "application/json": { schema: ImportResult } } },
      400: {
        description: "not CSV, or no email column",
        content: { "application/json": { schema: ErrorResponse } },
      },
    },
  });

  app.get("/v1/subscribers/export", (c) => {
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", 'attachment; filename="subscribers.csv"');
    c.header("cache-control", "no-store");
    return c.body(subscriberCsvStream(ports.subscribers.all()));
  });
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/v1/subscribers/export",
    summary: "Export every subscriber as CSV (streamed)",
    security,
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } } },
  });

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/subscribers/{email}",
      summary: "One subscriber's record",
      security,
      request: {
        params: z.object({
          email: z
            .string()
            .max(320)
            .openapi({ param: { name: "email", in: "path" } }),
        }),
      },
      responses: {
        200: { description: "the subscriber", content: { "application/json": { schema: SubscriberView } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const email = normalizeEmail(c.req.valid("param").email);
      if (!email)
        throw new HeraldError("invalid_request", "not an email address", [
          { path: "email", message: "invalid" },
        ]);
      const subscriber = await ports.subscribers.get(subscriberId(email));
      if (!subscriber) throw new HeraldError("not_found", "no such subscriber");
      return c.json(subscriber, 200);
    },
  );
}
