import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { SocialEngagementRepo } from "../../flows/ports/social-engagement.js";
import { dynamoSocialEngagementRepo } from "../dynamo/social-engagement-repo.js";

/**
 * The engagement look-ups' store, unless the social settings (the environment locally, the social
 * secret on AWS) say `HERALD_SOCIAL_ENGAGEMENT=off`: a newsroom whose X access is paid per read, or
 * whose tokens lack the read permissions, turns the look-ups off and posts alike.
 *
 * @example
 * const engagement = engagementFromEnv(settings, db, table); // undefined when "off"
 */
export function engagementFromEnv(
  env: Record<string, string | undefined>,
  db: DynamoDBDocumentClient,
  table: string,
): SocialEngagementRepo | undefined {
  const setting = (env.HERALD_SOCIAL_ENGAGEMENT ?? "on").trim().toLowerCase();
  if (setting !== "on" && setting !== "off")
    throw new Error(`HERALD_SOCIAL_ENGAGEMENT must be "on" or "off", not "${setting}"`);
  return setting === "on" ? dynamoSocialEngagementRepo(db, table) : undefined;
}
