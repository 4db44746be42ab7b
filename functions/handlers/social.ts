import { getSecret } from "@aws-lambda-powertools/parameters/secrets";
import type { SQSEvent } from "aws-lambda";
import * as z from "zod";
import { dynamoCredentialStore } from "../adapters/dynamo/credential-store.js";
import { RuntimeEnv } from "../adapters/runtime-env.js";
import { type SocialSettings, socialAccounts } from "../adapters/social/accounts.js";
import { engagementFromEnv } from "../adapters/social/engagement-switch.js";
import { sealedCredentials, TOKEN_KEY_SETTING } from "../adapters/social/sealed-credentials.js";
import { socialWorker } from "../adapters/sqs/social-worker.js";
import type { SocialWorkerPorts } from "../flows/publish-social.js";
import { sweepEngagement } from "../flows/sweep-engagement.js";
import { awsPorts, dynamo, log } from "./aws-ports.js";

/** The social secret: a flat JSON object with the same names the local environment uses. */
const SocialSecret = z.record(z.string(), z.string());

/**
 * Social credentials live in their own secret, readable by this function alone (the API and the
 * other workers never can), through Powertools' cache: a change reaches warm containers in 5 minutes.
 */
async function loadSocialSettings(): Promise<SocialSettings> {
  const arn = RuntimeEnv.parse(process.env).HERALD_SOCIAL_SECRET_ARN;
  if (!arn) throw new Error("HERALD_SOCIAL_SECRET_ARN is not set");
  return SocialSecret.parse(await getSecret(arn, { transform: "json", maxAge: 300 }));
}

let built: { settings: string; social: SocialWorkerPorts } | undefined;

/** What the engagement schedule sends every quarter of an hour (the infra's `SocialEngagement`). */
const EngagementSweep = z.object({ engagementSweep: z.literal(true) });

/**
 * The social queue's Lambda: fans editions out to the configured accounts and posts to each once.
 * Invoked by the engagement schedule instead, it reads the counts of the posts that are due.
 */
export const handler = async (event: SQSEvent | z.infer<typeof EngagementSweep>) => {
  const ports = await awsPorts([]);
  const settings = await loadSocialSettings();
  const fingerprint = JSON.stringify(settings);
  // Adapters keep sessions; they are rebuilt only when the operator changed the settings.
  if (built?.settings !== fingerprint) {
    // Refreshed tokens are sealed with a key from this secret: readable in the table, useless there.
    const tokenKey = settings[TOKEN_KEY_SETTING];
    if (!tokenKey) throw new Error(`the social secret has no ${TOKEN_KEY_SETTING}: keep the generated one`);
    const credentials = sealedCredentials(dynamoCredentialStore(dynamo, ports.config.tableName), tokenKey);
    const { adapters, live } = socialAccounts(settings, { credentials, log });
    log.info("social accounts", { live });
    const engagement = engagementFromEnv(settings, dynamo, ports.config.tableName);
    built = { settings: fingerprint, social: { adapters, credentials, engagement } };
  }
  if (EngagementSweep.safeParse(event).success) {
    await sweepEngagement(ports, built.social);
    return { batchItemFailures: [] };
  }
  return socialWorker(ports, built.social)(event as SQSEvent);
};
