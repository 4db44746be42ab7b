import { Logger } from "@aws-lambda-powertools/logger";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SQSClient } from "@aws-sdk/client-sqs";
import { buildPorts } from "../adapters/build-ports.js";
import { documentClient } from "../adapters/dynamo/client.js";
import { configFromEnv } from "../adapters/env-config.js";
import { LambdaEnv } from "../adapters/runtime-env.js";
import { eventBridgeScheduler } from "../adapters/scheduler/eventbridge-scheduler.js";
import type { SecretPart } from "../adapters/secret-parts.js";
import { loadSecrets } from "../adapters/secrets-manager.js";
import { sqsQueue } from "../adapters/sqs/sqs-queue.js";
import type { Ports } from "../flows/ports.js";

export const log = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "herald" });
export const dynamo = documentClient();
const sqs = new SQSClient({});

let ports: Ports | undefined;

/**
 * The AWS composition root: clients built once per container, configuration from the stack's
 * environment, secrets from Secrets Manager (re-read through the cache on every invocation, so a
 * rotation reaches warm containers within five minutes). `secretParts` are the parts of the app
 * secret this function uses, and may read (infra/function-access.ts); the others read as errors.
 * `ses` is the SDK's client unless the function brings its own: the send worker brings Herald's
 * JSON wire for its bulk calls (`jsonSesClient`), which the other functions' few emails do not need
 * in their bundles.
 */
export async function awsPorts(
  secretParts: readonly SecretPart[],
  { ses }: { ses?: SESv2Client } = {},
): Promise<Ports> {
  const secrets = await loadSecrets(secretParts);
  const env = LambdaEnv.parse(process.env);
  ports ??= buildPorts({
    config: configFromEnv(env),
    secrets,
    db: dynamo,
    ses: ses ?? new SESv2Client({}),
    editionQueue: sqsQueue(sqs, env.HERALD_EDITION_QUEUE_URL),
    sendQueue: sqsQueue(sqs, env.HERALD_SEND_QUEUE_URL),
    socialQueue: sqsQueue(sqs, env.HERALD_SOCIAL_QUEUE_URL),
    engagementQueue: sqsQueue(sqs, env.HERALD_ENGAGEMENT_QUEUE_URL),
    scheduler: eventBridgeScheduler(new SchedulerClient({}), {
      groupName: env.HERALD_SCHEDULE_GROUP,
      queueArn: env.HERALD_EDITION_QUEUE_ARN,
      roleArn: env.HERALD_SCHEDULER_ROLE_ARN,
      deadLetterArn: env.HERALD_SCHEDULER_DLQ_ARN,
    }),
    log,
    sendRatePerWorker: Number(env.HERALD_SEND_RATE_PER_WORKER) || undefined,
  });
  ports.secrets = secrets;
  return ports;
}
