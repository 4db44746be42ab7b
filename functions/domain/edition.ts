import { createHash } from "node:crypto";
import * as z from "zod";

/**
 * `held`: rendered and waiting for an editor (review mode). `scheduled`: approved (or sent with a
 * `sendAt`) and waiting for its time. `cancelled`: stopped for good by an editor, discarded while held,
 * or superseded by a newer version of its article; what was not handed to SES is never sent.
 */
export const EditionStatus = z.enum([
  "queued",
  "rendering",
  "held",
  "scheduled",
  "sending",
  "paused",
  "cancelled",
  "sent",
  "failed",
]);
export type EditionStatus = z.infer<typeof EditionStatus>;

/**
 * The counters of an edition, including `unknown`: recipients whose chunk died between SES accepting it and
 * the outcome being recorded. They are not sent again (that could mail them twice), only counted.
 * `cancelled`: recipients an editor's cancel kept from ever being handed to SES.
 */
export const Counts = z.object({
  planned: z.number(),
  sent: z.number(),
  failed: z.number(),
  skipped: z.number(),
  unknown: z.number(),
  cancelled: z.number().default(0),
  bounced: z.number(),
  complained: z.number(),
  delivered: z.number(),
  /** Opens and clicks as SES's own tracking reported them: off since Herald tracks them itself. */
  opened: z
    .number()
    .describe(
      "Always 0 for new editions: SES's own open tracking is off. Herald's own counts are in the stats endpoint (GET /v1/editions/{id}/stats, /v1/briefings/{id}/stats).",
    ),
  clicked: z
    .number()
    .describe(
      "Always 0 for new editions: SES's own click tracking is off. Herald's own counts are in the stats endpoint (GET /v1/editions/{id}/stats, /v1/briefings/{id}/stats).",
    ),
});
export type Counts = z.infer<typeof Counts>;

export const zeroCounts = (): Counts => ({
  planned: 0,
  sent: 0,
  failed: 0,
  skipped: 0,
  unknown: 0,
  cancelled: 0,
  bounced: 0,
  complained: 0,
  delivered: 0,
  opened: 0,
  clicked: 0,
});

/**
 * One edition per article id + version. The id is derived from both, so a retried or concurrent
 * webhook computes the same id and the conditional put that records it lets exactly one through.
 */
export function editionId(articleId: string, version: string): string {
  const digest = createHash("sha256").update(`${articleId}\n${version}`).digest("base64url");
  return `ed_${digest.slice(0, 22).replace(/[-_]/g, "x")}`;
}

export const EditionId = z.string().regex(/^ed_[A-Za-z0-9]{22}$/, "not an edition id");
