import type { Logger } from "@aws-lambda-powertools/logger";
import type { Config, Secrets } from "../domain/config.js";
import type { Pacer } from "./pacer.js";
import type { AuditLog, SessionStore, SubscriberStatsRepo } from "./ports/access.js";
import type { BriefingRepo } from "./ports/briefings.js";
import type { CardStore } from "./ports/cards.js";
import type { ChunkRepo, EditionRepo } from "./ports/editions.js";
import type { AudienceCounters, EngagementStore } from "./ports/engagement.js";
import type { FeedStateRepo } from "./ports/feeds.js";
import type { Mailer } from "./ports/mail.js";
import type { EngagementJob, Queue, RenderJob, SendJob, SocialJob } from "./ports/queues.js";
import type { Scheduler } from "./ports/scheduler.js";
import type { SocialAccountRegistry, SocialIntentRepo } from "./ports/social-intents.js";
import type { AudienceRepo, RateLimiter, SubscriberRepo, SuppressionRepo } from "./ports/subscribers.js";
import type { WorkLedger } from "./ports/work.js";

export * from "./ports/access.js";
export * from "./ports/briefings.js";
export * from "./ports/cards.js";
export * from "./ports/deliveries.js";
export * from "./ports/editions.js";
export * from "./ports/engagement.js";
export * from "./ports/feeds.js";
export * from "./ports/mail.js";
export * from "./ports/queues.js";
export * from "./ports/scheduler.js";
export * from "./ports/social-engagement.js";
export * from "./ports/social-intents.js";
export * from "./ports/subscribers.js";
export * from "./ports/work.js";

/**
 * The ports the flows talk through. Adapters implement them over DynamoDB, SES and SQS; the
 * composition roots (AWS and local) wire them. Nothing here knows a wire format.
 */
export interface Ports {
  config: Config;
  secrets: Secrets;
  editions: EditionRepo;
  chunks: ChunkRepo;
  briefings: BriefingRepo;
  audience: AudienceRepo;
  subscribers: SubscriberRepo;
  suppressions: SuppressionRepo;
  rateLimiter: RateLimiter;
  mailer: Mailer;
  /** Paces bulk sends to this worker's share of the SES quota. */
  pacer: Pacer;
  editionQueue: Queue<RenderJob>;
  sendQueue: Queue<SendJob>;
  socialQueue: Queue<SocialJob>;
  /** Clicks and opens on their way from the tracked link and the pixel to the recorder. */
  engagementQueue: Queue<EngagementJob>;
  /** One-time releases of scheduled editions (EventBridge Scheduler on AWS, a timer locally). */
  scheduler: Scheduler;
  socialIntents: SocialIntentRepo;
  socialAccounts: SocialAccountRegistry;
  feeds: FeedStateRepo;
  /** Each edition's social card PNG. */
  cards: CardStore;
  /** Console sessions, the admin audit log and the subscriber counters. */
  sessions: SessionStore;
  audit: AuditLog;
  subscriberStats: SubscriberStatsRepo;
  /** Clicks and opens of sent emails (marks and counters), and audience counters by day and topic. */
  engagement: EngagementStore;
  audienceCounters: AudienceCounters;
  /** Unfinished work, for the recovery pass. */
  work: WorkLedger;
  log: Logger;
  now: () => Date;
}
