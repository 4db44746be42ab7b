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
 * Makes a preparatory call (an image upload, a Threads container) and, when it got no answer or a
 * 5xx, makes it once more. These calls create nothing a reader sees, so trying again cannot make
 * a second post; a second transient failure is returned for the adapter to report as `failed`.
 *
 * @example
 * const init = await retriedOnce(() => authorized((token) => client.initializeUpload(token, owner)));
 */
export async function retriedOnce(call: () => Promise<TokenAnswer>): Promise<TokenAnswer> {
  const first = await call();
  return isTransient(first) ? call() : first;
}
