import type { TokenAnswer } from "./with-fresh-token.js";

/** No answer (or never sent), or a server error: worth one more try when the call cannot create a post. */
export function isTransient(answer: TokenAnswer): boolean {
  return (
    answer.kind === "no_answer" ||
    answer.kind === "unreached" ||
    (answer.kind === "answer" && answer.status >= 500)
  );
}

/**
 * Makes a call and, when `worthAnother` says so of its result, makes it once more; the second
 * result stands, for the adapter to report. Only for failures a second try cannot turn into a second
 * post: a preparatory call (an image upload, a Threads container) that got no answer or a 5xx, or
 * any call that never left.
 *
 * @example
 * const init = await retriedOnce(() => authorized((token) => client.initializeUpload(token)), isTransient);
 */
export async function retriedOnce<T>(
  call: () => Promise<T>,
  worthAnother: (result: T) => boolean,
): Promise<T> {
  const first = await call();
  return worthAnother(first) ? call() : first;
}
