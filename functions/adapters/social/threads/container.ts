import { setTimeout as sleep } from "node:timers/promises";
import type { PublishOutcome } from "../../../flows/ports/social.js";
import { textField } from "../common/json-fields.js";
import { isTransient, retriedOnce } from "../common/retried-once.js";
import type { AuthorizedCalls } from "../common/with-fresh-token.js";
import { threadsRefusal } from "./answers.js";
import type { ThreadsClient } from "./client.js";

export interface ContainerSteps {
  client: ThreadsClient;
  authorized: AuthorizedCalls;
  now: () => Date;
  /** Between status checks of a container still IN_PROGRESS. */
  pollMs: number;
  /** Status checks before giving up on a container that never finishes. */
  polls: number;
}

/** A container ready to publish, or why there is none (nothing was posted either way). */
export type ContainerResult = { containerId: string } | { outcome: PublishOutcome };

/** The container's state once it is no longer IN_PROGRESS, or `undefined` when it cannot be read. */
async function settledStatus(steps: ContainerSteps, containerId: string) {
  for (let check = 1; ; check++) {
    const answer = await steps.authorized((token) => steps.client.containerStatus(token, containerId));
    if (answer.kind !== "answer" || answer.status !== 200) return undefined;
    const status = textField(answer.body, "status");
    if (status !== "IN_PROGRESS" || check >= steps.polls) {
      return { status, errorMessage: textField(answer.body, "error_message") };
    }
    await sleep(steps.pollMs);
  }
}

/**
 * Creates the TEXT container (retried once on a timeout or 5xx: a container is not a post) and
 * waits until Threads has finished it, which for a link attachment means fetching the link.
 *
 * @example
 * const ready = await readyContainer(steps, post.text, post.linkAttachment);
 * if ("outcome" in ready) return ready.outcome;
 */
export async function readyContainer(
  steps: ContainerSteps,
  text: string,
  link: string,
): Promise<ContainerResult> {
  const create = () => steps.authorized((token) => steps.client.createContainer(token, text, link));
  const created = await retriedOnce(create, isTransient);
  if (created.kind === "auth" || created.kind === "unknown") return { outcome: created };
  if (created.kind !== "answer") {
    return {
      outcome: {
        kind: "failed",
        message: `Threads did not answer the container creation, twice: ${created.message}`,
      },
    };
  }
  const containerId = textField(created.body, "id");
  if (created.status !== 200 || !containerId)
    return { outcome: threadsRefusal(created, steps.now(), "container") };

  const settled = await settledStatus(steps, containerId);
  // An unreadable status is left to threads_publish, which refuses a container that is not ready.
  if (!settled || settled.status === "FINISHED") return { containerId };
  const { status, errorMessage } = settled;
  const message =
    status === "IN_PROGRESS"
      ? `Threads was still processing the post after ${steps.polls} checks`
      : `Threads could not prepare the post (${status})${errorMessage ? `: ${errorMessage}` : ""}`;
  return { outcome: { kind: "failed", message } };
}
