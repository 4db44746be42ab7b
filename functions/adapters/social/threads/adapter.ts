import type {
  LookupOutcome,
  PublishOutcome,
  PublishRequest,
  SocialAdapter,
} from "../../../flows/ports/social.js";
import type { AdapterOptions } from "../common/adapter-options.js";
import { unansweredOutcome } from "../common/call-outcomes.js";
import { wireOptions } from "../common/http-exchange.js";
import { field, textField } from "../common/json-fields.js";
import { sameLink } from "../common/link-match.js";
import { graphLookupRefusal, graphVerdict } from "../common/meta-graph-errors.js";
import { threadsEngagement } from "../common/meta-metrics.js";
import { isTransient, retriedOnce } from "../common/retried-once.js";
import { authorizedCalls } from "../common/with-fresh-token.js";
import { threadsRefusal } from "./answers.js";
import { threadsClient } from "./client.js";
import { readyContainer } from "./container.js";
import type { ThreadsSettings } from "./settings.js";

export interface ThreadsAdapterOptions extends AdapterOptions<ThreadsSettings> {
  /** Between status checks of a container Threads is still processing; default 1 s. */
  containerPollMs?: number;
  /** Status checks before giving up on such a container; default 5. */
  containerPolls?: number;
}

/**
 * Posts to Threads in two steps: a TEXT container with the link attached (Threads builds the link
 * preview itself, so the card is not uploaded), then `threads_publish`, the only call that makes a
 * post. Container failures are `failed`/`rate_limited`; a timeout or 5xx of the publish is `unknown`.
 * A long-lived token Threads calls expired (code 190) is renewed with `refresh_access_token`.
 *
 * @example
 * const threads = createThreadsAdapter({ settings, credentials, now: () => new Date() });
 * await threads.publish(request); // { kind: "posted", postId: "1790…", url: "https://www.threads.com/@herald/post/C…" }
 */
export function createThreadsAdapter(options: ThreadsAdapterOptions): SocialAdapter<"threads"> {
  const { settings, now } = options;
  const client = threadsClient(settings, wireOptions(options));
  const authorized = authorizedCalls({
    credentials: options.credentials,
    network: "threads",
    account: settings.userId,
    configured: { accessToken: settings.accessToken },
    now,
    networkName: "Threads",
    isExpired: (answer) =>
      answer.kind === "answer" && answer.status >= 400 && graphVerdict(answer) === "expired_token",
    refresh: client.refresh,
  });
  /**
   * Containers made by this instance, by idempotency key: a lookup that does not find the post in
   * the list can still ask its container whether it was published (lists may lag). Lost with the
   * instance, which only makes lookup rely on the list alone.
   */
  const containers = new Map<string, string>();

  async function permalinkOf(mediaId: string): Promise<PublishOutcome> {
    const read = () => authorized((token) => client.permalink(token, mediaId));
    const answer = await retriedOnce(read, isTransient);
    const permalink =
      answer.kind === "answer" && answer.status === 200 ? textField(answer.body, "permalink") : undefined;
    if (permalink) return { kind: "posted", postId: mediaId, url: permalink };
    // The post exists; a lookup reads its permalink from the list and never posts again.
    return { kind: "unknown", message: `Threads published ${mediaId} but did not give its permalink` };
  }

  return {
    network: "threads",
    account: settings.userId,
    idempotent: false,
    async publish(request: PublishRequest<"threads">): Promise<PublishOutcome> {
      const { text, linkAttachment } = request.post;
      const steps = {
        client,
        authorized,
        now,
        pollMs: options.containerPollMs ?? 1_000,
        polls: options.containerPolls ?? 5,
      };
      const ready = await readyContainer(steps, text, linkAttachment);
      if ("outcome" in ready) return ready.outcome;
      containers.set(request.idempotencyKey, ready.containerId);
      const answer = await authorized((token) => client.publish(token, ready.containerId));
      if (answer.kind !== "answer") return unansweredOutcome(answer, "Threads");
      const mediaId = textField(answer.body, "id");
      if (answer.status === 200 && mediaId) return permalinkOf(mediaId);
      if (answer.status < 300)
        return { kind: "unknown", message: `Threads answered ${answer.status} without a media id` };
      return threadsRefusal(answer, now(), "publish");
    },
    async lookup(request): Promise<LookupOutcome> {
      const list = await authorized((token) => client.recentThreads(token));
      if (list.kind !== "answer") return unansweredOutcome(list, "Threads");
      if (list.status !== 200) return graphLookupRefusal(list, now(), "Threads");
      const data = field(list.body, "data");
      const match = (Array.isArray(data) ? data : []).find(
        (thread) =>
          sameLink(textField(thread, "link_attachment_url"), request.url) ||
          (textField(thread, "text") ?? "").includes(request.url),
      );
      const id = textField(match, "id");
      const permalink = textField(match, "permalink");
      if (id && permalink) return { kind: "found", postId: id, url: permalink };
      if (id) return { kind: "unknown", message: `Threads lists ${id} for this link without a permalink` };
      const containerId = containers.get(request.idempotencyKey);
      if (!containerId) return { kind: "absent" };
      const status = await authorized((token) => client.containerStatus(token, containerId));
      if (
        status.kind === "answer" &&
        status.status === 200 &&
        textField(status.body, "status") !== "PUBLISHED"
      ) {
        return { kind: "absent" };
      }
      return {
        kind: "unknown",
        message: "Threads' container may be published but the post is not listed yet",
      };
    },
    readEngagement: async (post) =>
      threadsEngagement(await authorized((token) => client.insights(token, post.postId))),
  };
}
