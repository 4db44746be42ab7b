/** Replaces anything that looks like an email address: error texts from SES or a parser may carry one. */
export function redactEmails(text: string): string {
  return text.replace(/[^\s<>"'@,;:()]+@[^\s<>"'@,;:()]+\.[a-z]{2,}/gi, "[email]");
}

/** An error reduced to what may be logged: its name and a redacted message, no request payloads. */
export function loggableError(error: unknown): { name: string; message: string } {
  const e = error as { name?: string; message?: string };
  return { name: e?.name ?? "Error", message: redactEmails(String(e?.message ?? error)) };
}
