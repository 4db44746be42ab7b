import { Logger } from "@aws-lambda-powertools/logger";
import { getSecret } from "@aws-lambda-powertools/parameters/secrets";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SQSClient } from "@aws-sdk/client-sqs";
import * as z from "zod";
import { buildPorts } from "../adapters/build-ports.js";
import { documentClient } from "../adapters/dynamo/client.js";
import { configFromEnv } from "../adapters/env-config.js";
import { eventBridgeScheduler } from "../adapters/scheduler/eventbridge-scheduler.js";
import { sqsQueue } from "../adapters/sqs/sqs-queue.js";
import { AdminKey } from "../domain/access/admin-keys.js";
import type { Secrets } from "../domain/config.js";
import type { Ports } from "../flows/ports.js";

/** The secret's JSON, as the stack generates it and the operator fills it. */
const SecretValue = z.object({
  webhookSecrets: z.array(z.string().min(16)).min(1),
  adminKey: z.string().min(16),
  /** Named keys with roles (`[{name, role, key}]`), added by the operator beside `adminKey`. */
  adminKeys: z.array(AdminKey.extend({ key: z.string().min(16) })).optional(),
  tokenKeys: z.object({ current: z.string(), keys: z.record(z.string(), z.string().min(16)) }),
});

/** Secrets Manager, through Powertools' cache: read at most every 5 minutes per warm container. */
async function loadSecrets(): Promise<Secrets> {
  const arn = process.env.HERALD_SECRET_ARN;
  if (!arn) throw new Error("HERALD_SECRET_ARN is not set");
  return SecretValue.parse(await getSecret(arn, { transform: "json", maxAge: 300 }));
}

export const log = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "herald" });
export const dynamo = documentClient();
const ses = new SESv2Client({});
const sqs = new SQSClient({});

/**
 * The AWS composition root: clients built once per container, configuration from the stack's
 * environment, secrets from Secrets Manager (re-read through the cache on every invocation, so a
 * rotation reaches warm containers within five minutes).
 */
let ports: Ports | undefined;

export async function awsPorts(): Promise<Ports> {
  const secrets = await loadSecrets();
  ports ??= buildPorts({
    config: configFromEnv(),
    secrets,
    db: dynamo,
    ses,
    editionQueue: sqsQueue(sqs, process.env.HERALD_EDITION_QUEUE_URL as string),
    sendQueue: sqsQueue(sqs, process.env.HERALD_SEND_QUEUE_URL as string),
    socialQueue: sqsQueue(sqs, process.env.HERALD_SOCIAL_QUEUE_URL as string),
    scheduler: eventBridgeScheduler(new SchedulerClient({}), {
      groupName: process.env.HERALD_SCHEDULE_GROUP as string,
      queueArn: process.env.HERALD_EDITION_QUEUE_ARN as string,
      roleArn: process.env.HERALD_SCHEDULER_ROLE_ARN as string,
      deadLetterArn: process.env.HERALD_SCHEDULER_DLQ_ARN,
    }),
    log,
    sendRatePerWorker: Number(process.env.HERALD_SEND_RATE_PER_WORKER) || undefined,
  });
  ports.secrets = secrets;
  return ports;
}
