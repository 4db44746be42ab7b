import { loggableError } from "../domain/redact.js";
import { lookupsFor } from "../domain/social/engagement.js";
import type { SocialIntent } from "../domain/social/intent.js";
import type { SocialAdapter } from "./ports/social.js";
import type { SocialEngagementRepo } from "./ports/social-engagement.js";
import type { Ports } from "./ports.js";

/**
 * Enters a post that has just become `posted` for its engagement look-ups (an hour and a day on),
 * when its network gives counts and the network named the post. Best effort: the post is stored
 * already, and a look-up that cannot be entered is logged, never a reason to touch or retry the post.
 *
 * @example
 * await scheduleEngagement(ports, social.engagement, adapter, stored);
 */
export async function scheduleEngagement(
  ports: Pick<Ports, "log" | "now">,
  engagement: SocialEngagementRepo | undefined,
  adapter: Pick<SocialAdapter, "readEngagement">,
  post: SocialIntent,
): Promise<void> {
  if (!engagement || !adapter.readEngagement || post.status !== "posted" || !post.postId || !post.url) return;
  const { editionId, network, account, postId, url } = post;
  try {
    await engagement.schedule(lookupsFor({ editionId, network, account, postId, url }, ports.now()));
  } catch (error) {
    ports.log.warn("engagement look-ups not scheduled", { editionId, network, error: loggableError(error) });
  }
}
