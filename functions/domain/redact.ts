/** Replaces anything that looks like an email address: error texts from SES or a parser may carry one. */
export function redactEmails(text: string): string {
  return text.replace(/[^\s<>"'@,;:()]+@[^\s<>"'@,;:()]+\.[a-z]{2,}/gi, "[email]");
}

/** What a log line may say of an error: its name, its redacted message, and so of its causes. */
export interface LoggableError {
  name: string;
  message: string;
  cause?: LoggableError;
}

/** Causes logged below an error at most: enough for "our error ← the SDK's ← the socket's". */
const CAUSE_DEPTH = 3;

/**
 * An error reduced to what may be logged: its name and a redacted message, and the same of the
 * errors behind it (`cause`, a few deep), never request payloads.
 *
 * @example
 * log.error("feed poll failed", { error: loggableError(error) });
 * // { name: "FeedFetchError", message: "request failed (ECONNREFUSED)", cause: { name: "TypeError", … } }
 */
export function loggableError(error: unknown, depth = 0): LoggableError {
  const e = error as { name?: string; message?: string; cause?: unknown };
  const cause = e instanceof Error && e.cause !== undefined && depth < CAUSE_DEPTH ? e.cause : undefined;
  return {
    name: e?.name ?? "Error",
    message: redactEmails(String(e?.message ?? error)),
    ...(cause === undefined ? {} : { cause: loggableError(cause, depth + 1) }),
  };
}
