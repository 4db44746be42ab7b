import type { Hono } from "hono";
import type * as z from "zod";
import { EditionId } from "../../domain/edition.js";
import { HeraldError } from "../../domain/errors.js";
import { type SocialIntent, shownStatus } from "../../domain/social/intent.js";
import type { EditionSummary, Ports } from "../../flows/ports.js";
import { movementView } from "../movement.js";
import { PAGE_HEADERS, page } from "../pages/page.js";
import { type EditionView, ListQuery, type SocialPostView } from "../schemas.js";
import { parseOr400 } from "../validate.js";
import { type ControlDetail, controlFields, listDetail, singleDetail } from "./control-view.js";

export function socialPostView(i: SocialIntent): z.infer<typeof SocialPostView> {
  return {
    network: i.network,
    account: i.account,
    status: shownStatus(i.status),
    url: i.url,
    error: i.error,
    message: i.message,
    attempts: i.attempts,
    retryAt: i.retryAt,
    updatedAt: i.updatedAt,
    engagement: i.engagement,
  };
}

export function editionView(
  e: EditionSummary,
  shares: Record<string, number> | undefined,
  social: SocialIntent[],
  detail: ControlDetail,
): z.infer<typeof EditionView> {
  return {
    id: e.id,
    articleId: e.article.id,
    version: e.article.version,
    title: e.article.title,
    statusReason: e.statusReason ?? undefined,
    createdAt: e.createdAt,
    source: e.source,
    review: e.review,
    sendAt: e.sendAt,
    heldSince: e.heldSince,
    approvedAt: e.approvedAt,
    supersededBy: e.supersededBy,
    counts: e.counts,
    ...movementView(e, detail.clock),
    ...controlFields(e, detail),
    social: social.map(socialPostView),
    ...(shares ? { shares } : {}),
  };
}

/** The single-edition view (status page and every editorial action's answer): 404 when there is none. */
export async function editionAnswer(ports: Ports, id: string): Promise<z.infer<typeof EditionView>> {
  const edition = await ports.editions.get(id);
  if (!edition) throw new HeraldError("not_found", "no such edition");
  const [shares, social, detail] = await Promise.all([
    ports.editions.shares(id),
    ports.socialIntents.listForEdition(id),
    singleDetail(ports, id),
  ]);
  return editionView(edition, shares, social, detail);
}

/** Edition status for the newsroom (admin routes: the app guards them). */
export function editionRoutes(app: Hono, ports: Ports) {
  app.get("/v1/editions", async (c) => {
    const { limit, cursor } = parseOr400(ListQuery, c.req.query());
    let found: Awaited<ReturnType<typeof ports.editions.list>>;
    try {
      found = await ports.editions.list(limit, cursor);
    } catch (error) {
      if (!cursor) throw error;
      throw new HeraldError("invalid_request", "the cursor is not valid", [
        { path: "cursor", message: "not a cursor from this API" },
      ]);
    }
    const detail = listDetail(ports);
    return c.json({
      editions: found.editions.map((e) => editionView(e, undefined, [], detail)),
      cursor: found.cursor,
    });
  });

  app.get("/v1/editions/:id", async (c) => {
    const id = parseOr400(EditionId, c.req.param("id"));
    return c.json(await editionAnswer(ports, id));
  });
}

/** `GET /v1/editions/{id}/web`: the public "view in browser" page. */
export function webVersionRoute(app: Hono, ports: Ports) {
  app.get("/v1/editions/:id/web", async (c) => {
    const id = c.req.param("id");
    const rendered = EditionId.safeParse(id).success ? await ports.editions.getRender(id) : undefined;
    if (!rendered)
      return c.html(page(ports.config, "Not found", "<p>There is no such edition.</p>"), 404, PAGE_HEADERS);
    return c.html(rendered.webHtml, 200, { ...PAGE_HEADERS, "cache-control": "public, max-age=300" });
  });
}
