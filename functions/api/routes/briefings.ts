import type { Hono } from "hono";
import type * as z from "zod";
import { BriefingId } from "../../domain/briefing/schedule.js";
import { HeraldError } from "../../domain/errors.js";
import type { BriefingRecord, Ports } from "../../flows/ports.js";
import { resumeEdition } from "../../flows/resume-edition.js";
import { startBriefing } from "../../flows/start-briefing.js";
import { movementView } from "../movement.js";
import { type BriefingView, ListQuery } from "../schemas.js";
import { parseOr400 } from "../validate.js";
import { type ControlDetail, controlFields, listDetail, singleDetail } from "./control-view.js";

function briefingView(
  b: BriefingRecord,
  detail: ControlDetail,
  renders?: number,
  combos?: string[],
): z.infer<typeof BriefingView> {
  return {
    id: b.id,
    day: b.day,
    ...movementView(b, detail.clock),
    statusReason: b.statusReason ?? undefined,
    createdAt: b.createdAt,
    window: b.window,
    editions: b.items.map((i) => i.editionId),
    counts: b.counts,
    ...controlFields(b, detail),
    ...(renders !== undefined ? { renders } : {}),
    ...(combos ? { combos } : {}),
  };
}

/** The single-briefing view (its page and every action's answer): 404 when there is none. */
export async function briefingAnswer(ports: Ports, id: string): Promise<z.infer<typeof BriefingView>> {
  const briefing = await ports.briefings.get(id);
  if (!briefing) throw new HeraldError("not_found", "no such briefing");
  const [combos, detail] = await Promise.all([ports.briefings.combos(id), singleDetail(ports, id)]);
  return briefingView(briefing, detail, combos.length, combos);
}

/** Daily briefings for the newsroom (admin routes: the app guards them). */
export function briefingRoutes(app: Hono, ports: Ports) {
  // What the schedule does; on a day whose briefing ran already, it finds that one and sends nothing.
  app.post("/v1/briefings/run", async (c) => {
    const { briefing, created } = await startBriefing(ports);
    return c.json({ briefingId: briefing.id, created }, 202);
  });

  app.get("/v1/briefings", async (c) => {
    const { limit, cursor } = parseOr400(ListQuery, c.req.query());
    let found: Awaited<ReturnType<typeof ports.briefings.list>>;
    try {
      found = await ports.briefings.list(limit, cursor);
    } catch (error) {
      if (!cursor) throw error;
      throw new HeraldError("invalid_request", "the cursor is not valid", [
        { path: "cursor", message: "not a cursor from this API" },
      ]);
    }
    const renders = await Promise.all(found.briefings.map((b) => ports.briefings.renders(b.id)));
    const detail = listDetail(ports);
    return c.json({
      briefings: found.briefings.map((b, i) => briefingView(b, detail, renders[i])),
      cursor: found.cursor,
    });
  });

  app.get("/v1/briefings/:id", async (c) => {
    const id = parseOr400(BriefingId, c.req.param("id"));
    return c.json(await briefingAnswer(ports, id));
  });

  app.post("/v1/briefings/:id/resume", async (c) => {
    const id = parseOr400(BriefingId, c.req.param("id"));
    if (!(await ports.briefings.get(id))) throw new HeraldError("not_found", "no such briefing");
    await resumeEdition(ports, id);
    return c.json(await briefingAnswer(ports, id));
  });
}
