import { z } from "@hono/zod-openapi";
import { Counts, EditionStatus } from "../domain/edition.js";
import { Cadence, Consent, SubscriberStatus } from "../domain/subscriber.js";

/** Response shapes, for the OpenAPI document served at /docs and for the handlers' types. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi("Error");

export const PublishResponse = z
  .object({ editionId: z.string(), status: EditionStatus, duplicate: z.boolean().optional() })
  .openapi("PublishResult");

export const EditionView = z
  .object({
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
  })
  .openapi("Edition");

export const EditionList = z
  .object({ editions: z.array(EditionView), cursor: z.string().optional() })
  .openapi("EditionList");

export const SubscriberView = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().optional(),
    status: SubscriberStatus,
    topics: z.array(z.string()),
    cadence: Cadence,
    consent: Consent,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Subscriber");

export const ImportResult = z
  .object({
    imported: z.number(),
    skipped: z.number(),
    errors: z.array(z.object({ line: z.number(), message: z.string() })),
  })
  .openapi("ImportResult");

export const errorResponses = {
  400: { description: "invalid request", content: { "application/json": { schema: ErrorResponse } } },
  401: {
    description: "missing or wrong credentials",
    content: { "application/json": { schema: ErrorResponse } },
  },
  404: { description: "not found", content: { "application/json": { schema: ErrorResponse } } },
} as const;
