import type { Hono } from "hono";
import type { Ports } from "../../flows/ports.js";
import { subscriberCsvStream } from "../csv/subscriber-export.js";

/**
 * The subscriber export (`GET /v1/subscribers/export`, admin), served by the stats function with the
 * other CSV exports: the API's bundle stays within its budget without a CSV writer, and the one
 * Scan of the table is granted to that function alone.
 */
export function subscriberExportRoutes(app: Hono, ports: Ports) {
  app.get("/v1/subscribers/export", (c) => {
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", 'attachment; filename="subscribers.csv"');
    c.header("cache-control", "no-store");
    return c.body(subscriberCsvStream(ports.subscribers.all()));
  });
}
