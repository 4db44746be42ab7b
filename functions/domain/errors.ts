/**
 * The error every layer may throw when a request is at fault. The API maps it to the JSON shape of
 * `API.md` (`{"error":{"code","message","issues"}}`); anything else becomes a logged 500.
 */
export type ErrorCode =
  | "invalid_request"
  | "unauthorized"
  | "forbidden"
  /** A console request that changes something came without its session's CSRF token. */
  | "csrf_failed"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited";

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

export interface FieldIssue {
  path: string;
  message: string;
}

export class HeraldError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = "HeraldError";
  }

  get status() {
    return statusOf[this.code];
  }
}

/** Turns zod issues into the contract's `{path, message}` list. */
export function fieldIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): FieldIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
}
