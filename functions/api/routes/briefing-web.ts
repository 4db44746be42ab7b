import type { Hono } from "hono";
import * as z from "zod";
import { comboOf } from "../../domain/briefing/content.js";
import { BriefingId } from "../../domain/briefing/schedule.js";
import type { Ports } from "../../flows/ports.js";
import { PAGE_HEADERS, page } from "../pages/page.js";

/** `politics,world`: the topic combination whose briefing to show, in any order. */
export const BriefingWebParams = z.object({
  id: BriefingId,
  topics: z
    .string()
    .max(2000)
    .regex(/^[\w-]+(,[\w-]+)*$/, "topic slugs separated by commas"),
});

/**
 * `GET /v1/briefings/{id}/web/{topics}`: one combination's briefing as a web page, the "View in
 * browser" of its email. Public like the edition's web version: it holds nothing personal. The
 * combination is in the path, not the query, so a cache keyed on the path alone keeps them apart.
 */
export function briefingWebRoute(app: Hono, ports: Ports) {
  app.get("/v1/briefings/:id/web/:topics", async (c) => {
    const params = BriefingWebParams.safeParse(c.req.param());
    const rendered = params.success
      ? await ports.briefings.getRender(params.data.id, comboOf(params.data.topics.split(",")))
      : undefined;
    // Briefings rendered before they had a web version have an empty one.
    if (!rendered?.webHtml)
      return c.html(page(ports.config, "Not found", "<p>There is no such briefing.</p>"), 404, PAGE_HEADERS);
    return c.html(rendered.webHtml, 200, { ...PAGE_HEADERS, "cache-control": "public, max-age=300" });
  });
}
