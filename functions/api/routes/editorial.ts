import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import * as z from "zod";
import { BriefingId } from "../../domain/briefing/schedule.js";
import { EditionId } from "../../domain/edition.js";
import { ApproveRequest } from "../../domain/editorial.js";
import { emailPreview, previewLinks } from "../../domain/email-preview.js";
import { HeraldError } from "../../domain/errors.js";
import { approveEdition, discardEdition } from "../../flows/approve-edition.js";
import { cancelSend, pauseSend } from "../../flows/pause-cancel.js";
import type { Ports } from "../../flows/ports.js";
import { jsonError } from "../errors.js";
import { parseOr400 } from "../validate.js";
import { briefingAnswer } from "./briefings.js";
import { editionAnswer } from "./editions.js";

/** An approve body is `{}` or `{"sendAt": "…"}`: anything near a kilobyte is not one. */
const MAX_APPROVE_BODY = 1024;

/** `business+world`: configured topics joined by `+`, as `comboOf` names a briefing's renders. */
export const Combo = z.string().regex(/^[a-z0-9-]+(\+[a-z0-9-]+)*$/, "not a topic combination");

async function optionalJson(c: Context): Promise<unknown> {
  const raw = await c.req.text();
  if (raw.trim() === "") return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new HeraldError("invalid_request", "the body is not valid JSON");
  }
}

/**
 * Editors stop an edition: pause (until resumed) and cancel (for good). Admin routes (the app guards
 * them); kept apart from the other groups so a role can be put on each. Each answers the edition view.
 */
export function editionStopRoutes(app: Hono, ports: Ports) {
  app.post("/v1/editions/:id/pause", async (c) => {
    const id = parseOr400(EditionId, c.req.param("id"));
    await pauseSend(ports, id);
    return c.json(await editionAnswer(ports, id));
  });
  app.post("/v1/editions/:id/cancel", async (c) => {
    const id = parseOr400(EditionId, c.req.param("id"));
    await cancelSend(ports, id);
    return c.json(await editionAnswer(ports, id));
  });
}

/** Editors decide on a held (or scheduled) edition: approve, now or at `sendAt`, or discard it. */
export function editionReviewRoutes(app: Hono, ports: Ports) {
  app.post(
    "/v1/editions/:id/approve",
    bodyLimit({
      maxSize: MAX_APPROVE_BODY,
      onError: (c) => jsonError(c, "payload_too_large", `the body must be at most ${MAX_APPROVE_BODY} bytes`),
    }),
    async (c) => {
      const id = parseOr400(EditionId, c.req.param("id"));
      const request = parseOr400(ApproveRequest, await optionalJson(c), "the approval is not valid");
      await approveEdition(ports, id, request);
      return c.json(await editionAnswer(ports, id));
    },
  );
  app.post("/v1/editions/:id/discard", async (c) => {
    const id = parseOr400(EditionId, c.req.param("id"));
    await discardEdition(ports, id);
    return c.json(await editionAnswer(ports, id));
  });
}

/** What an edition's and a briefing's emails look like, held ones included (read-only). */
export function emailPreviewRoutes(app: Hono, ports: Ports) {
  app.get("/v1/editions/:id/email", async (c) => {
    const id = parseOr400(EditionId, c.req.param("id"));
    const rendered = await ports.editions.getRender(id);
    if (!rendered) {
      const edition = await ports.editions.progress(id);
      if (!edition) throw new HeraldError("not_found", "no such edition");
      throw new HeraldError("conflict", `the edition is ${edition.status} and not rendered yet`);
    }
    return c.json(emailPreview(rendered, previewLinks(ports.config, id)));
  });
  app.get("/v1/briefings/:id/renders/:combo", async (c) => {
    const id = parseOr400(BriefingId, c.req.param("id"));
    const combo = parseOr400(Combo, c.req.param("combo"));
    const rendered = await ports.briefings.getRender(id, combo);
    if (!rendered) throw new HeraldError("not_found", "no such briefing, or no render for that combination");
    // A briefing has no web version: its personal links point at the newsroom's own address.
    const home = ports.config.publicUrl;
    return c.json(emailPreview(rendered, { unsubscribeUrl: home, preferencesUrl: home }));
  });
}

/** Editors stop a daily briefing: pause (resume is beside the briefing routes) and cancel. */
export function briefingStopRoutes(app: Hono, ports: Ports) {
  app.post("/v1/briefings/:id/pause", async (c) => {
    const id = parseOr400(BriefingId, c.req.param("id"));
    await pauseSend(ports, id);
    return c.json(await briefingAnswer(ports, id));
  });
  app.post("/v1/briefings/:id/cancel", async (c) => {
    const id = parseOr400(BriefingId, c.req.param("id"));
    await cancelSend(ports, id);
    return c.json(await briefingAnswer(ports, id));
  });
}
