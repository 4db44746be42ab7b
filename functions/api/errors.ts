import type { Logger } from "@aws-lambda-powertools/logger";
import type { Context } from "hono";
import { type ErrorCode, type FieldIssue, HeraldError } from "../domain/errors.js";
import { loggableError } from "../domain/redact.js";

/** Each error code's HTTP status: the domain names what went wrong, the API says it in HTTP. */
export const statusOf: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 429> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
};

/** Herald's JSON error body: `{"error":{"code","message","issues"}}`. */
export function errorBody(code: ErrorCode, message: string, issues?: FieldIssue[]) {
  return { error: { code, message, ...(issues?.length ? { issues } : {}) } };
}

export function jsonError(c: Context, code: ErrorCode, message: string, issues?: FieldIssue[]) {
  return c.json(errorBody(code, message, issues), statusOf[code]);
}

/** Maps thrown errors: a HeraldError is the client's fault (4xx); anything else is ours (500, logged). */
export function onError(log: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof HeraldError) return jsonError(c, error.code, error.message, error.issues);
    // Hono's own HTTPExceptions (malformed JSON, body limit) carry a 4xx status.
    const status = (error as { status?: number }).status;
    if (status === 413) return jsonError(c, "payload_too_large", "the body is too large");
    if (status && status >= 400 && status < 500) return jsonError(c, "invalid_request", error.message);
    log.error("unhandled error", { path: c.req.path, error: loggableError(error) });
    return c.json({ error: { code: "internal", message: "something went wrong on our side" } }, 500);
  };
}
