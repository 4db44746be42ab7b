import type { ServerResponse } from "node:http";
import { json } from "../loopback.js";
import { restError } from "./linkedin-rules.js";

/** What the next `GET /rest/socialActions/{urn}` meets; `forbidden`: the token lacks `r_organization_social`. */
export type LinkedInReadFault = "server_error" | "forbidden" | "malformed";

/**
 * Answers `GET /rest/socialActions/{urn}` as LinkedIn does: the post's likes and comments summaries
 * (the liked/commented lists left empty), 404 for a post it does not know.
 *
 * @example
 * answerSocialActions(res, urn, true, { likes: 14, comments: 3, firstLevel: 2 }, undefined);
 */
export function answerSocialActions(
  res: ServerResponse,
  urn: string,
  known: boolean,
  counts: { likes: number; comments: number; firstLevel: number } | undefined,
  fault: LinkedInReadFault | undefined,
) {
  if (fault === "server_error") return json(res, 504, { message: "Gateway Timeout", status: 504 });
  if (fault === "forbidden")
    return json(
      res,
      403,
      restError(403, "ACCESS_DENIED", "Not enough permissions to access: socialActions.GET.20260701"),
    );
  if (!known) return json(res, 404, restError(404, "NOT_FOUND", `Not found: ${urn}`));
  const { likes, comments, firstLevel } = counts ?? { likes: 0, comments: 0, firstLevel: 0 };
  if (fault === "malformed") return json(res, 200, { $URN: `urn:li:socialActions:${urn}`, target: urn });
  json(res, 200, {
    $URN: `urn:li:socialActions:${urn}`,
    target: urn,
    likesSummary: {
      selectedLikes: [],
      aggregatedTotalLikes: likes,
      likedByCurrentUser: false,
      totalLikes: likes,
    },
    commentsSummary: {
      selectedComments: [],
      aggregatedTotalComments: comments,
      totalFirstLevelComments: firstLevel,
      commentsState: "OPEN",
    },
  });
}
