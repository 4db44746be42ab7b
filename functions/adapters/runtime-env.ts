import * as z from "zod";

/**
 * The runtime environment of Herald's functions, in one place: the stack sets these variables
 * (infra/constructs/runtime-environment.ts takes a `RuntimeVariable`, so a renamed one fails to
 * compile there) and the functions read them through `RuntimeEnv` (env-config.ts, the AWS
 * composition root). Values stay strings here; `Config` parses and checks what they mean.
 * docs/configuration.md describes each one.
 */

/** Set by the stack on every function but the console's, whatever the configuration. */
const EveryFunction = z.object({
  POWERTOOLS_SERVICE_NAME: z.string(),
  HERALD_TABLE_NAME: z.string(),
  HERALD_MARKS_TABLE_NAME: z.string(),
  HERALD_PUBLIC_URL: z.string(),
  HERALD_TOPICS: z.string(),
  HERALD_AUDIENCE_SHARDS: z.string(),
  HERALD_BRAND_NAME: z.string(),
  HERALD_FROM_ADDRESS: z.string(),
  HERALD_POSTAL_ADDRESS: z.string(),
  HERALD_LIST_ID: z.string(),
  HERALD_SES_CONFIGURATION_SET: z.string(),
  HERALD_PAUSE_MIN_SAMPLE: z.string(),
  HERALD_SHARE_EMAILS_PER_DAY: z.string(),
  HERALD_CONFIRMATIONS_PER_HOUR: z.string(),
  HERALD_CHUNK_LEASE_SECONDS: z.string(),
  HERALD_SOCIAL_LEASE_SECONDS: z.string(),
  HERALD_STALL_SECONDS: z.string(),
  HERALD_BRIEFING_HOUR: z.string(),
  HERALD_BRIEFING_TIME_ZONE: z.string(),
  HERALD_REVIEW: z.string(),
  HERALD_TRACKING: z.string(),
  HERALD_EDITION_QUEUE_URL: z.string(),
  HERALD_SEND_QUEUE_URL: z.string(),
  HERALD_SOCIAL_QUEUE_URL: z.string(),
  HERALD_ENGAGEMENT_QUEUE_URL: z.string(),
  HERALD_SCHEDULE_GROUP: z.string(),
  HERALD_EDITION_QUEUE_ARN: z.string(),
  HERALD_SCHEDULER_ROLE_ARN: z.string(),
  HERALD_SCHEDULER_DLQ_ARN: z.string(),
});

/** Set on every function when the operator configured them; on one function (the rest). */
const Sometimes = z
  .object({
    HERALD_FEEDS: z.string(),
    HERALD_TOPIC_MAP: z.string(),
    HERALD_DEFAULT_TOPIC: z.string(),
    HERALD_REPLY_TO: z.string(),
    HERALD_EDGE_ORIGIN_SECRET: z.string(),
    HERALD_SEND_RATE_PER_WORKER: z.string(),
    HERALD_CHUNK_SIZE: z.string(),
    HERALD_SOCIAL_SECRET_ARN: z.string(),
    HERALD_API_SECRET_ARN: z.string(),
    HERALD_TOKEN_SECRET_ARN: z.string(),
  })
  .partial();

/** Set by no stack: read with a default, for local runs and operators who need another value. */
const Defaulted = z
  .object({
    PORT: z.string(),
    HERALD_ACCENT_COLOR: z.string(),
    HERALD_CONSENT_TEXT_VERSION: z.string(),
    HERALD_FEED_POLL_MINUTES: z.string(),
    HERALD_TRUSTED_PROXIES: z.string(),
  })
  .partial();

/**
 * The environment as any runtime reads it: every variable optional (the local runtime and tests
 * lean on the defaults in `configFromEnv`); other variables are dropped.
 *
 * @example
 * const env = RuntimeEnv.parse(process.env);
 * env.HERALD_TABLE_NAME ?? "herald";
 */
export const RuntimeEnv = EveryFunction.partial().extend(Sometimes.shape).extend(Defaulted.shape);
export type RuntimeEnv = z.infer<typeof RuntimeEnv>;

/** The name of a runtime variable: what the stack's constructs may set. */
export type RuntimeVariable = keyof RuntimeEnv;

/**
 * The environment as a deployed function reads it: a variable the stack sets on every function
 * must be there, so a missing queue URL stops the function at its first invocation, named.
 *
 * @example
 * const env = LambdaEnv.parse(process.env);
 * sqsQueue(sqs, env.HERALD_SEND_QUEUE_URL);
 */
export const LambdaEnv = RuntimeEnv.extend(EveryFunction.shape);

/** The variables every function but the console's is given (the infra tests check the template). */
export const EVERY_FUNCTION_VARIABLES = EveryFunction.keyof().options;
