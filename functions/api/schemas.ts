import * as z from "zod";
import { Counts, EditionStatus } from "../domain/edition.js";
import { Subscriber } from "../domain/subscriber.js";

/** Request and response shapes: the handlers' types and the source of the OpenAPI document. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const PublishResponse = z.object({
  editionId: z.string(),
  status: EditionStatus,
  duplicate: z.boolean().optional(),
});

export const EditionView = z.object({
  id: z.string(),
  articleId: z.string(),
  version: z.string(),
  title: z.string(),
  status: EditionStatus,
  statusReason: z.string().optional(),
  createdAt: z.string(),
  counts: Counts,
  social: z.array(
    z.object({ network: z.string(), account: z.string(), status: z.string(), url: z.string().optional() }),
  ),
  /** Reader shares by network (`GET /v1/share/…`); in the single-edition view only. */
  shares: z.record(z.string(), z.number()).optional(),
});

export const EditionList = z.object({ editions: z.array(EditionView), cursor: z.string().optional() });

export const BriefingView = z.object({
  id: z.string(),
  /** The newsroom's local date, YYYYMMDD. */
  day: z.string(),
  status: EditionStatus,
  statusReason: z.string().optional(),
  createdAt: z.string(),
  /** Editions recorded after `from` up to `until` are in it. */
  window: z.object({ from: z.string(), until: z.string() }),
  /** The editions it carries, newest first. */
  editions: z.array(z.string()),
  counts: Counts,
  /** Distinct topic combinations rendered (one render each, whatever the number of subscribers). */
  renders: z.number().optional(),
});

export const BriefingList = z.object({ briefings: z.array(BriefingView), cursor: z.string().optional() });

export const BriefingStarted = z.object({ briefingId: z.string(), created: z.boolean() });

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

/** A subscriber as the admin API shows it: the stored record, as the domain defines it. */
export const SubscriberView = Subscriber;

export const ImportResult = z.object({
  imported: z.number(),
  skipped: z.number(),
  errors: z.array(z.object({ line: z.number(), message: z.string() })),
});
