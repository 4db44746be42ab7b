/**
 * The errors every layer may throw when a request is at fault. The API maps each code to its HTTP
 * status and to Herald's JSON error shape (`{"error":{"code","message","issues"}}`); anything that is
 * not a HeraldError is Herald's own fault and becomes a logged 500.
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

export interface FieldIssue {
  path: string;
  message: string;
}

/** What an error may carry besides its message: the fields at fault, and the error behind it. */
export interface HeraldErrorDetails {
  issues?: FieldIssue[];
  cause?: unknown;
}

/**
 * A request Herald refuses, with a stable code. Pass `cause` when another error is why: it is kept
 * for the logs (redacted there), never shown to the client.
 *
 * @example
 * throw new HeraldError("not_found", "no such edition");
 * throw new InvalidRequest("the body is not valid JSON", { cause: error });
 */
export class HeraldError extends Error {
  readonly issues?: FieldIssue[];

  constructor(
    readonly code: ErrorCode,
    message: string,
    details: FieldIssue[] | HeraldErrorDetails = {},
  ) {
    const { issues, cause } = Array.isArray(details) ? { issues: details, cause: undefined } : details;
    super(message, cause === undefined ? undefined : { cause });
    this.name = "HeraldError";
    this.issues = issues;
  }
}

/** The request is malformed or breaks a rule (400). */
export class InvalidRequest extends HeraldError {
  constructor(message: string, details?: FieldIssue[] | HeraldErrorDetails) {
    super("invalid_request", message, details);
    this.name = "InvalidRequest";
  }
}

/** What the request names does not exist (404). */
export class NotFound extends HeraldError {
  constructor(message: string, details?: HeraldErrorDetails) {
    super("not_found", message, details);
    this.name = "NotFound";
  }
}

/** The request is valid but not in the current state of what it names (409). */
export class Conflict extends HeraldError {
  constructor(message: string, details?: HeraldErrorDetails) {
    super("conflict", message, details);
    this.name = "Conflict";
  }
}

/** Too many requests: try again later (429). */
export class RateLimited extends HeraldError {
  constructor(message: string, details?: HeraldErrorDetails) {
    super("rate_limited", message, details);
    this.name = "RateLimited";
  }
}

/** Turns zod issues into the contract's `{path, message}` list. */
export function fieldIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): FieldIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
}
