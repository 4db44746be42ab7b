import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { EditionId } from "../../domain/edition.js";
import { HeraldError } from "../../domain/errors.js";
import type { EditionRecord, Ports } from "../../flows/ports.js";
import { PAGE_HEADERS, page } from "../pages/page.js";
import { EditionList, EditionView, errorResponses } from "../schemas.js";

export function editionView(e: EditionRecord): z.infer<typeof EditionView> {
  return {
    id: e.id,
    articleId: e.article.id,
    version: e.article.version,
    title: e.article.title,
    status: e.status,
    statusReason: e.statusReason ?? undefined,
    createdAt: e.createdAt,
    counts: e.counts,
    social: [],
  };
}

const IdParam = z.object({
  id: EditionId.openapi({ param: { name: "id", in: "path" }, example: "ed_3tUq0lOeT1YkZc0d9kX8Qw" }),
});
const security = [{ adminKey: [] }];

/** Edition status for the newsroom (admin) and the public "view in browser" page. */
export function editionRoutes(app: OpenAPIHono, ports: Ports) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/editions",
      summary: "List editions, newest first",
      security,
      request: {
        query: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(2000).optional(),
        }),
      },
      responses: {
        200: { description: "editions", content: { "application/json": { schema: EditionList } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      let page: Awaited<ReturnType<typeof ports.editions.list>>;
      try {
        page = await ports.editions.list(limit, cursor);
      } catch (error) {
        if (cursor)
          throw new HeraldError("invalid_request", "the cursor is not valid", [
            { path: "cursor", message: "not a cursor from this API" },
          ]);
        throw error;
      }
      return c.json({ editions: page.editions.map(editionView), cursor: page.cursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/editions/{id}",
      summary: "An edition's status and counts",
      security,
      request: { params: IdParam },
      responses: {
        200: { description: "the edition", content: { "application/json": { schema: EditionView } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const edition = await ports.editions.get(c.req.valid("param").id);
      if (!edition) throw new HeraldError("not_found", "no such edition");
      return c.json(editionView(edition), 200);
    },
  );
}

/** `GET /v1/editions/{id}/web`: public, so it is registered outside the admin guard. */
export function webVersionRoute(app: OpenAPIHono, ports: Ports) {
  app.get("/v1/editions/:id/web", async (c) => {
    const id = c.req.param("id");
    const rendered = EditionId.safeParse(id).success ? await ports.editions.getRender(id) : undefined;
    if (!rendered) {
      return c.html(page(ports.config, "Not found", "<p>There is no such edition.</p>"), 404, PAGE_HEADERS);
    }
    return c.html(rendered.webHtml, 200, { ...PAGE_HEADERS, "cache-control": "public, max-age=300" });
  });
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/v1/editions/{id}/web",
    summary: "The edition as a web page (view in browser)",
    request: { params: IdParam },
    responses: { 200: { description: "HTML page", content: { "text/html": { schema: z.string() } } } },
  });
}
