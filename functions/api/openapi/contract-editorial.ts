import * as z from "zod";
import { BriefingId } from "../../domain/briefing/schedule.js";
import { EditionId } from "../../domain/edition.js";
import { ApproveRequest } from "../../domain/editorial.js";
import { Combo } from "../routes/editorial.js";
import { BriefingView, EditionView, EmailPreview } from "../schemas.js";
import { err, json, type Operation, type Paths } from "./operation.js";

const edition = z.object({ id: EditionId });
const briefing = z.object({ id: BriefingId });

/** An editorial action on an edition or briefing: answers its view, 409 when its status forbids it. */
const action = (
  summary: string,
  params: z.ZodObject,
  view: z.ZodType,
  conflict: string,
  more: Partial<Operation> = {},
): { post: Operation } => ({
  post: {
    summary,
    admin: true,
    params,
    ...more,
    responses: {
      200: { description: "done: the view after it", type: json, schema: view },
      400: err("bad id or body"),
      401: err("no admin key"),
      404: err("unknown id"),
      409: err(conflict),
      ...more.responses,
    },
  },
});

/** The editorial controls: stop, review, schedule and preview (docs/editorial-controls.md). */
export const EDITORIAL_CONTRACT: Paths = {
  "/v1/editions/{id}/pause": action(
    "Pause a sending edition. Chunks not yet handed to SES wait for a resume; the answer comes once the chunks with SES have recorded their outcomes, so nothing more is sent after it",
    edition,
    EditionView,
    "the edition is not sending",
  ),
  "/v1/editions/{id}/cancel": action(
    "Cancel an edition for good (queued, rendering, held, scheduled, sending or paused). Recipients not yet handed to SES are never sent and are counted `cancelled`; chunks with SES finish first, and the answer comes after them. A cancelled edition cannot be resumed",
    edition,
    EditionView,
    "the edition is sent, failed or cancelled already",
  ),
  "/v1/editions/{id}/approve": action(
    "Approve a held edition, or move a scheduled one. Body optional: `sendAt` (ISO date-time) ahead → `scheduled` for then (again: rescheduled); absent or past → `sending` now. Only the article's latest version can be approved",
    edition,
    EditionView,
    "the edition is not held or scheduled, or a newer version of the article replaced it",
    { body: { type: json, schema: ApproveRequest }, responses: { 413: err("body over 1 KB") } },
  ),
  "/v1/editions/{id}/discard": action(
    "Discard a held edition: `cancelled`, nothing of it is ever sent",
    edition,
    EditionView,
    "the edition is not held",
  ),
  "/v1/editions/{id}/email": {
    get: {
      summary:
        "The email as a reader sees it (subject, preheader, HTML and plain-text parts), held editions included; its personal links point at the web version",
      admin: true,
      params: edition,
      responses: {
        200: { description: "the rendered email", type: json, schema: EmailPreview },
        400: err("bad edition id"),
        401: err("no admin key"),
        404: err("unknown edition"),
        409: err("the edition is not rendered yet"),
      },
    },
  },
  "/v1/briefings/{id}/pause": action(
    "Pause a sending briefing (as an edition's pause)",
    briefing,
    BriefingView,
    "the briefing is not sending",
  ),
  "/v1/briefings/{id}/cancel": action(
    "Cancel a briefing for good (as an edition's cancel)",
    briefing,
    BriefingView,
    "the briefing is sent, failed or cancelled already",
  ),
  "/v1/briefings/{id}/renders/{combo}": {
    get: {
      summary:
        "One topic combination's rendering of a briefing (`combos` in the briefing's view), as its readers see it",
      admin: true,
      params: z.object({ id: BriefingId, combo: Combo }),
      responses: {
        200: { description: "the rendered email", type: json, schema: EmailPreview },
        400: err("bad briefing id or combination"),
        401: err("no admin key"),
        404: err("unknown briefing, or no render for that combination"),
      },
    },
  },
};
