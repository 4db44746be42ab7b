import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HeraldError, NotFound } from "../../domain/errors.js";
import { normalizeEmail, subscriberId } from "../../domain/subscriber.js";
import { importSubscribers } from "../../flows/import-subscribers.js";
import type { Ports } from "../../flows/ports.js";
import { parseSubscriberCsv } from "../csv/subscriber-csv.js";
import { jsonError } from "../errors.js";

/** An import file may be large, but not unbounded: 10 MB is ~150,000 typical rows. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/**
 * Admin subscriber management (the app guards these): CSV import, one subscriber's record. The
 * export is the stats function's (`subscriber-export.ts`).
 */
export function subscriberAdminRoutes(app: Hono, ports: Ports) {
  app.post(
    "/v1/subscribers/import",
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: (c) => jsonError(c, "payload_too_large", `the file must be at most ${MAX_IMPORT_BYTES} bytes`),
    }),
    async (c) => {
      if (!/^text\/(csv|plain)\b/i.test(c.req.header("content-type") ?? "")) {
        throw new HeraldError("invalid_request", "send the file as text/csv", [
          { path: "content-type", message: "must be text/csv" },
        ]);
      }
      const report = await importSubscribers(ports, parseSubscriberCsv(await c.req.text()));
      ports.log.info("subscribers imported", { imported: report.imported, skipped: report.skipped });
      return c.json(report);
    },
  );

  app.get("/v1/subscribers/:email", async (c) => {
    const email = normalizeEmail(c.req.param("email"));
    if (!email)
      throw new HeraldError("invalid_request", "not an email address", [
        { path: "email", message: "invalid" },
      ]);
    const subscriber = await ports.subscribers.get(subscriberId(email));
    if (!subscriber) throw new NotFound("no such subscriber");
    return c.json(subscriber);
  });
}
