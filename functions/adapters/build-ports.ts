import type { Logger } from "@aws-lambda-powertools/logger";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type Config, marksTableOf, type Secrets } from "../domain/config.js";
import { countedSubscribers } from "../flows/counted-subscribers.js";
import { ratePacer, unpaced } from "../flows/pacer.js";
import type {
  CardStore,
  EngagementJob,
  Ports,
  Queue,
  RenderJob,
  Scheduler,
  SendJob,
  SocialJob,
} from "../flows/ports.js";
import { quotaGuard } from "../flows/quota-guard.js";
import { dynamoAudienceCounters } from "./dynamo/audience-counters.js";
import { dynamoAudienceRepo } from "./dynamo/audience-repo.js";
import { dynamoAuditLog } from "./dynamo/audit-log.js";
import { dynamoBriefingRepo } from "./dynamo/briefing-repo.js";
import { dynamoCardStore } from "./dynamo/card-store.js";
import { dynamoChunkRepo } from "./dynamo/chunk-repo.js";
import { dynamoEditionRepo } from "./dynamo/edition-repo.js";
import { dynamoEngagementStore } from "./dynamo/engagement-store.js";
import { dynamoFeedStateRepo } from "./dynamo/feed-state-repo.js";
import { dynamoRateLimiter } from "./dynamo/rate-limiter.js";
import { dynamoSessionStore } from "./dynamo/session-store.js";
import { dynamoSocialAccountRegistry } from "./dynamo/social-account-registry.js";
import { dynamoSocialIntentRepo } from "./dynamo/social-intent-repo.js";
import { dynamoSubscriberRepo } from "./dynamo/subscriber-repo.js";
import { dynamoSubscriberStats } from "./dynamo/subscriber-stats.js";
import { dynamoSuppressionRepo } from "./dynamo/suppression-repo.js";
import { dynamoWorkLedger } from "./dynamo/work-ledger.js";
import { sesMailer } from "./ses/ses-mailer.js";

export interface PortParts {
  config: Config;
  secrets: Secrets;
  db: DynamoDBDocumentClient;
  ses: SESv2Client;
  editionQueue: Queue<RenderJob>;
  sendQueue: Queue<SendJob>;
  socialQueue: Queue<SocialJob>;
  engagementQueue: Queue<EngagementJob>;
  /** Releases scheduled editions: EventBridge Scheduler on AWS, a timer locally. */
  scheduler: Scheduler;
  /** Where edition cards are kept: the table, unless a test brings its own store. */
  cards?: CardStore;
  log: Logger;
  now?: () => Date;
  /** Recipients per second this worker may hand SES; unpaced when absent (local stand-ins). */
  sendRatePerWorker?: number;
}

/** Wires the repositories and the mailer; both composition roots (AWS and local) go through here. */
export function buildPorts(parts: PortParts): Ports {
  const { config, db } = parts;
  const now = parts.now ?? (() => new Date());
  const subscriberStats = dynamoSubscriberStats(db, config.tableName);
  const audienceCounters = dynamoAudienceCounters(db, config.tableName);
  return {
    config,
    secrets: parts.secrets,
    editions: dynamoEditionRepo(db, config.tableName),
    chunks: dynamoChunkRepo(db, config.tableName),
    briefings: dynamoBriefingRepo(db, config.tableName),
    audience: dynamoAudienceRepo(db, config.tableName),
    subscribers: countedSubscribers(dynamoSubscriberRepo(db, config.tableName, config.audienceShards), {
      stats: subscriberStats,
      audience: audienceCounters,
      log: parts.log,
      now,
    }),
    suppressions: dynamoSuppressionRepo(db, config.tableName),
    rateLimiter: dynamoRateLimiter(db, config.tableName, now),
    // The pacer keeps the average under the quota; the guard keeps each call under it (quota-guard.ts).
    mailer: parts.sendRatePerWorker
      ? quotaGuard(sesMailer(parts.ses, config.sesConfigurationSet), parts.sendRatePerWorker)
      : sesMailer(parts.ses, config.sesConfigurationSet),
    pacer: parts.sendRatePerWorker ? ratePacer(parts.sendRatePerWorker) : unpaced,
    editionQueue: parts.editionQueue,
    sendQueue: parts.sendQueue,
    socialQueue: parts.socialQueue,
    engagementQueue: parts.engagementQueue,
    scheduler: parts.scheduler,
    socialIntents: dynamoSocialIntentRepo(db, config.tableName),
    socialAccounts: dynamoSocialAccountRegistry(db, config.tableName),
    feeds: dynamoFeedStateRepo(db, config.tableName),
    cards: parts.cards ?? dynamoCardStore(db, config.tableName),
    sessions: dynamoSessionStore(db, config.tableName),
    audit: dynamoAuditLog(db, config.tableName),
    subscriberStats,
    engagement: dynamoEngagementStore(db, config.tableName, marksTableOf(config)),
    audienceCounters,
    work: dynamoWorkLedger(db, config.tableName),
    log: parts.log,
    now,
  };
}
