import * as z from "zod";
import type { EngagementOutcome } from "../../../flows/ports/social.js";
import { engagementOf } from "../common/engagement-answers.js";
import type { TokenAnswer } from "../common/with-fresh-token.js";
import { linkedinErrorMessage } from "./answers.js";

const Count = z.number().int().nonnegative();
/**
 * A post's social actions: likes (every reaction counts as one) and comments, replies to comments
 * included. Reposts are not among them: LinkedIn counts shares only in the organization's share
 * statistics, which need the page-admin scope `rw_organization_admin` Herald does not ask for.
 */
const SocialActions = z
  .object({
    likesSummary: z.object({ totalLikes: Count }),
    commentsSummary: z.object({ aggregatedTotalComments: Count.optional(), totalFirstLevelComments: Count }),
  })
  .transform((a) => ({
    likes: a.likesSummary.totalLikes,
    replies: a.commentsSummary.aggregatedTotalComments ?? a.commentsSummary.totalFirstLevelComments,
  }));

/**
 * The post's social actions as an engagement outcome (403: the token lacks `r_organization_social`).
 *
 * @example
 * linkedinEngagement(await authorized((t) => client.socialActions(t, "urn:li:share:7…")));
 * // { kind: "read", counts: { likes: 14, replies: 3 } }
 */
export function linkedinEngagement(answer: TokenAnswer): EngagementOutcome {
  return engagementOf(answer, {
    networkName: "LinkedIn",
    call: "GET /rest/socialActions/{urn}",
    counts: SocialActions,
    errorMessage: linkedinErrorMessage,
  });
}
