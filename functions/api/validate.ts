import type * as z from "zod";
import { fieldIssues, HeraldError } from "../domain/errors.js";

/**
 * Parses `value` with `schema`, or throws the contract's 400 with one issue per field at fault.
 *
 * @example
 * const { limit } = parseOr400(ListQuery, c.req.query());
 */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  value: unknown,
  message = "the request is not valid",
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new HeraldError("invalid_request", message, fieldIssues(result.error.issues));
  return result.data;
}
