import type * as z from "zod";
import type { HttpAnswer, NoAnswer } from "./http-exchange.js";

/** A call's checked result: the value read from the network's answer, or why there is none. */
export type Checked<T, Failure> = { ok: true; value: T } | { ok: false; failure: Failure };

/**
 * A 2xx answer's body read with `schema`, or `undefined` for any other status (the network's own
 * error reader takes those). A 2xx body that does not fit counts as no answer: the network accepted
 * the call, so what it did is unknown.
 *
 * @example
 * const accepted = acceptedBody(answer, Status, "POST /api/v1/statuses");
 * if (accepted) return accepted; // { ok: true, value } or { ok: false, failure: { kind: "no_answer", … } }
 */
export function acceptedBody<T>(
  answer: HttpAnswer,
  schema: z.ZodType<T>,
  call: string,
): Checked<T, NoAnswer> | undefined {
  if (answer.status < 200 || answer.status >= 300) return undefined;
  const parsed = schema.safeParse(answer.body);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    failure: { kind: "no_answer", message: `${call}: HTTP ${answer.status} with an unreadable body` },
  };
}
