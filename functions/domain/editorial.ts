import * as z from "zod";
import type { EditionStatus } from "./edition.js";

/** Where an article came from: the article webhook, Ghost, WordPress or a polled feed. */
export const ArticleSource = z.enum(["webhook", "ghost", "wordpress", "feeds"]);
export type ArticleSource = z.infer<typeof ArticleSource>;

/**
 * Which sources' editions wait for an editor (`held`) before anything is sent. `HERALD_REVIEW` is
 * `off` (the default), `all`, or a comma-separated list of sources.
 *
 * @example
 * parseReviewSources("ghost, feeds"); // ["ghost", "feeds"]
 * parseReviewSources("all");          // ["webhook", "ghost", "wordpress", "feeds"]
 */
export function parseReviewSources(value: string | undefined): ArticleSource[] {
  const v = (value ?? "off").trim().toLowerCase();
  if (v === "" || v === "off") return [];
  if (v === "all") return [...ArticleSource.options];
  const names = v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !ArticleSource.safeParse(n).success);
  if (unknown.length > 0) {
    throw new Error(
      `HERALD_REVIEW: unknown source ${unknown.join(", ")} (off, all, or a list of ${ArticleSource.options.join(", ")})`,
    );
  }
  return [...new Set(names)] as ArticleSource[];
}

/** What an editor may do to an edition (or briefing), and from which statuses. */
export const EDITORIAL_ACTIONS = {
  pause: ["sending"],
  resume: ["paused"],
  cancel: ["queued", "rendering", "held", "scheduled", "sending", "paused"],
  approve: ["held", "scheduled"],
  discard: ["held"],
} as const satisfies Record<string, readonly EditionStatus[]>;
export type EditorialAction = keyof typeof EDITORIAL_ACTIONS;

/** Whether `action` is allowed on an edition in `status`. */
export function allows(action: EditorialAction, status: EditionStatus): boolean {
  return (EDITORIAL_ACTIONS[action] as readonly EditionStatus[]).includes(status);
}

/** The body of `POST /v1/editions/{id}/approve`: send now, or at `sendAt`. */
export const ApproveRequest = z
  .object({ sendAt: z.iso.datetime({ offset: true }).optional() })
  .strict()
  .default({});

/**
 * Extra fields a CMS may put beside the article in the webhook body: `sendAt` (send no earlier than
 * this) and `review: true` (hold this article for an editor even when its source is not reviewed).
 * `review: false` cannot lift the newsroom's review mode.
 */
export const PublishOptions = z.object({
  sendAt: z.iso.datetime({ offset: true }).optional(),
  review: z.boolean().optional(),
});
export type PublishOptions = z.infer<typeof PublishOptions>;

/**
 * A `sendAt` still ahead of `now`, normalised to ISO UTC; `undefined` means "send now" (absent or past).
 *
 * @example
 * futureSendAt("2030-01-01T08:00:00+01:00", new Date()); // "2030-01-01T07:00:00.000Z"
 */
export function futureSendAt(sendAt: string | undefined, now: Date): string | undefined {
  if (!sendAt) return undefined;
  const at = Date.parse(sendAt);
  return at > now.getTime() ? new Date(at).toISOString() : undefined;
}

/** Statuses whose edition may still be replaced by a newer version of its article, never sent. */
export const SUPERSEDABLE: readonly EditionStatus[] = ["held", "scheduled"];

/** Editions a daily briefing must not carry: not (yet) out, or stopped. */
export const NOT_BRIEFED: readonly EditionStatus[] = ["failed", "held", "scheduled", "cancelled"];
