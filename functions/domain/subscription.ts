import * as z from "zod";
import { Cadence, EmailAddress } from "./subscriber.js";
import { singleLine } from "./text.js";

/** An unconfirmed subscription is forgotten after a week (the confirmation link's life). */
export const PENDING_TTL_SECONDS = 7 * 24 * 3600;
/** At most one confirmation email per address in this many seconds: no mail bombing through us. */
export const CONFIRMATION_INTERVAL_SECONDS = 10 * 60;

const topicList = (knownTopics: readonly string[]) =>
  z
    .array(
      z.string().refine((t) => knownTopics.includes(t), {
        message: `unknown topic (known: ${knownTopics.join(", ")})`,
      }),
    )
    .min(1, "choose at least one topic")
    .max(knownTopics.length)
    .transform((ts) => [...new Set(ts)]);

/**
 * `POST /v1/subscribers`, JSON or form. Topics default to all, cadence to instant.
 *
 * @example
 * subscribeSchema(["world"]).parse({ email: "Ana@Example.org " }); // { email: "ana@example.org", topics: ["world"], … }
 */
export function subscribeSchema(knownTopics: readonly string[]) {
  return z.object({
    email: EmailAddress,
    topics: topicList(knownTopics).default([...knownTopics]),
    cadence: Cadence.default("instant"),
    name: z.string().max(200).transform(singleLine).optional(),
  });
}

/**
 * The preference center's form: topics and cadence, or leaving everything. `resubscribe` says the
 * reader chose to come back (the page they saved showed them as not subscribed); without it a save
 * never undoes an unsubscribe.
 */
export function preferencesSchema(knownTopics: readonly string[]) {
  return z.union([
    z.object({ action: z.literal("unsubscribe") }),
    z.object({
      action: z.literal("save").default("save"),
      topics: topicList(knownTopics),
      cadence: Cadence,
      resubscribe: z.boolean().default(false),
    }),
  ]);
}

/** Form fields arrive as strings or repeated strings; JSON as arrays. One shape for both. */
export function fromForm(form: Record<string, unknown>) {
  const strings = (v: unknown): string[] | undefined =>
    v === undefined
      ? undefined
      : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
  const one = (v: unknown) => (typeof v === "string" ? v : undefined);
  return {
    email: one(form.email),
    name: one(form.name) || undefined,
    cadence: one(form.cadence) || undefined,
    action: one(form.action) || undefined,
    resubscribe: one(form.resubscribe) === "true" || undefined,
    topics:
      form.topics === undefined && form["topics[]"] === undefined
        ? undefined
        : strings(form.topics ?? form["topics[]"]),
  };
}
