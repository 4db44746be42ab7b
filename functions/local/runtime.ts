import type { Logger } from "@aws-lambda-powertools/logger";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { buildPorts } from "../adapters/build-ports.js";
import { documentClient } from "../adapters/dynamo/client.js";
import { dynamoCredentialStore } from "../adapters/dynamo/credential-store.js";
import { dynamoDeliveryCounts } from "../adapters/dynamo/delivery-counts.js";
import { dynamoEngagementMarks } from "../adapters/dynamo/engagement-marks.js";
import type { WireDocumentClient } from "../adapters/dynamo/json-document-client.js";
import { dynamoStatsReader } from "../adapters/dynamo/stats-reader.js";
import { httpFeedFetcher } from "../adapters/feeds/http-fetcher.js";
import { jsonSesClient, type WireSesClient } from "../adapters/ses/json-ses-client.js";
import {
  type AdapterFactories,
  type SocialAccounts,
  type SocialSettings,
  socialAccounts,
} from "../adapters/social/accounts.js";
import { engagementFromEnv } from "../adapters/social/engagement-switch.js";
import {
  DEV_TOKEN_KEY,
  sealedCredentials,
  TOKEN_KEY_SETTING,
} from "../adapters/social/sealed-credentials.js";
import { engagementWorker } from "../adapters/sqs/engagement-worker.js";
import { sesEventBatchHandler } from "../adapters/sqs/ses-event-batch.js";
import { socialWorker } from "../adapters/sqs/social-worker.js";
import { type Renderers, renderWorker, sendWorker } from "../adapters/sqs/workers.js";
import { type Config, marksTableOf, type Secrets } from "../domain/config.js";
import { loggableError } from "../domain/redact.js";
import { startBriefingTimer } from "../flows/briefing-timer.js";
import { startFeedTimer } from "../flows/feed-timer.js";
import type {
  CardStore,
  EngagementJob,
  Ports,
  RenderJob,
  SendJob,
  SocialJob,
  StatsReader,
} from "../flows/ports.js";
import { startRecoveryTimer } from "../flows/recovery-timer.js";
import { LOCAL_CREDENTIALS } from "./dynamodb-local.js";
import { startEngagementTimer } from "./engagement-timer.js";
import { withMailboxSimulator } from "./mailbox-simulator.js";
import { MemoryQueue, type MemoryQueueOptions } from "./memory-queue.js";
import { rearmScheduled } from "./rearm-scheduled.js";
import { LocalSesEventBus } from "./ses-event-bus.js";
import { type Timers, timerScheduler } from "./timer-scheduler.js";

export interface LocalRuntimeOptions {
  config: Config;
  secrets: Secrets;
  dynamoEndpoint: string;
  sesEndpoint: string;
  log: Logger;
  renderers: Renderers;
  queue?: Partial<MemoryQueueOptions>;
  /** The social queue's own settings over `queue` (a post's calls take seconds, not milliseconds). */
  socialQueue?: Partial<MemoryQueueOptions>;
  sendConcurrency?: number;
  /** Recipients per second each send worker hands the SES stand-in (`HERALD_SEND_RATE_PER_WORKER`); unpaced when absent. */
  sendRatePerWorker?: number;
  /** Run the recovery pass every this many ms (`npm start`); tests run passes themselves. */
  recoveryIntervalMs?: number;
  /** Tests inject faults here: wrap a port to fail the way a dying worker or a throttling SES would. */
  wrapPorts?: (ports: Ports) => Ports;
  /** Tests add SDK middleware here to make the SES client answer what the stand-in never does. */
  configureSes?: (client: WireSesClient) => void;
  /** Tests and the benchmark intercept every DynamoDB call on the wire here (tests/bench/aws-meter.ts). */
  configureDynamo?: (client: WireDocumentClient) => void;
  now?: () => Date;
  /** Leave the send queue stopped until `startSending()`: the benchmark measures planning and sending apart. */
  holdSends?: boolean;
  /** Start the daily briefing at the configured hour (`npm start`); tests start briefings themselves. */
  briefingTimer?: boolean;
  /** Read posted social posts' engagement every 15 minutes (`npm start`); tests sweep themselves. */
  engagementTimer?: boolean;
  /**
   * Social accounts: settings (`HERALD_<NETWORK>_…`); every network without them posts to `outboxDir`.
   * Absent: no social account at all (tests about email).
   */
  social?: { settings: SocialSettings; outboxDir: string; factories?: AdapterFactories };
  /** Where edition cards are kept (the card store when it is wired in; tests pass one). */
  cards?: CardStore;
  /** The scheduled-send timers; tests pass ones they fire by hand. */
  timers?: Timers;
  /** Arm the timers of editions left `scheduled` by an earlier run (`npm start`). */
  rearmSchedules?: boolean;
}

export interface LocalRuntime {
  ports: Ports;
  /** The stats endpoints' reader (the tracking function's, on AWS). */
  stats: StatsReader;
  editionQueue: MemoryQueue<RenderJob>;
  sendQueue: MemoryQueue<SendJob>;
  socialQueue: MemoryQueue<SocialJob>;
  /** Clicks and opens waiting to be counted. */
  engagementQueue: MemoryQueue<EngagementJob>;
  /** Which networks post for real and which to the outbox. */
  social: SocialAccounts;
  startSending(): void;
  /** SES's events on their way to the feedback handler: the mailbox simulator publishes to it. */
  sesEvents: LocalSesEventBus;
  /** Resolves when every queue and the SES events topic are empty and idle (a deferred social job included). */
  settled(): Promise<void>;
  stop(): void;
}

/**
 * The local composition root: the same repositories, mailer and worker functions as on Lambda,
 * pointed at DynamoDB Local and the SES stand-in, with in-memory queues standing in for SQS, and
 * the outbox standing in for every social network that has no credentials.
 */
export function localRuntime(o: LocalRuntimeOptions): LocalRuntime {
  const editionQueue = new MemoryQueue<RenderJob>({
    name: "editions",
    concurrency: 1,
    batchSize: 1,
    ...o.queue,
  });
  const sendQueue = new MemoryQueue<SendJob>({
    name: "sends",
    concurrency: o.sendConcurrency ?? 6,
    ...o.queue,
  });
  const socialQueue = new MemoryQueue<SocialJob>({
    name: "social",
    concurrency: 2,
    // As long as a Lambda may hold a post: a network call takes seconds.
    visibilityTimeoutMs: 30_000,
    ...o.queue,
    ...o.socialQueue,
  });
  // As the event source batches them on AWS (up to 1,000 a batch, a few batches at once).
  const engagementQueue = new MemoryQueue<EngagementJob>({
    name: "engagement",
    concurrency: 2,
    batchSize: 1000,
    ...o.queue,
  });
  const ses = jsonSesClient(
    new SESv2Client({ endpoint: o.sesEndpoint, region: "local", credentials: LOCAL_CREDENTIALS }),
  );
  o.configureSes?.(ses);
  const db = documentClient({ endpoint: o.dynamoEndpoint, region: "local", credentials: LOCAL_CREDENTIALS });
  o.configureDynamo?.(db);
  const scheduler = timerScheduler(editionQueue, o.now ?? (() => new Date()), o.timers);
  const built = buildPorts({
    config: o.config,
    secrets: o.secrets,
    db,
    ses,
    editionQueue,
    sendQueue,
    socialQueue,
    engagementQueue,
    scheduler,
    ...(o.cards ? { cards: o.cards } : {}),
    log: o.log,
    now: o.now,
    ...(o.sendRatePerWorker ? { sendRatePerWorker: o.sendRatePerWorker } : {}),
  });
  // SES's mailbox simulator: its events reach the same batch handler the SES events queue drives on AWS.
  const sesEvents = new LocalSesEventBus({ name: "ses-events", ...o.queue });
  const simulated = {
    ...built,
    mailer: withMailboxSimulator(built.mailer, (m) => sesEvents.publish(m), built.now),
  };
  const ports = o.wrapPorts ? o.wrapPorts(simulated) : simulated;
  sesEvents.start(
    sesEventBatchHandler({ ...ports, deliveries: dynamoDeliveryCounts(db, o.config.tableName) }),
  );
  editionQueue.start(renderWorker(ports, o.renderers));
  const credentials = sealedCredentials(
    dynamoCredentialStore(db, o.config.tableName),
    o.social?.settings[TOKEN_KEY_SETTING] ?? DEV_TOKEN_KEY,
  );
  const social: SocialAccounts = o.social
    ? socialAccounts(
        o.social.settings,
        { credentials, log: o.log },
        { outboxDir: o.social.outboxDir, ...(o.social.factories ? { factories: o.social.factories } : {}) },
      )
    : { adapters: [], live: [], outbox: [], broken: [] };
  // Only live accounts are read: the outbox has no counts.
  const engagement = o.social ? engagementFromEnv(o.social.settings, db, o.config.tableName) : undefined;
  const socialPorts = { adapters: social.adapters, credentials, engagement };
  socialQueue.start(socialWorker(ports, socialPorts));
  engagementQueue.start(
    engagementWorker({ ...ports, marks: dynamoEngagementMarks(db, marksTableOf(o.config)) }),
  );
  const stopEngagement = o.engagementTimer ? startEngagementTimer(ports, socialPorts) : () => {};
  // Listed at once by `GET /v1/social/accounts`; on AWS the social worker registers them as it fans out.
  if (o.social) {
    const accounts = social.adapters.map(({ network, account }) => ({ network, account }));
    void ports.socialAccounts
      .register(accounts, ports.now())
      .catch((error) =>
        o.log.error("could not register the social accounts", { error: loggableError(error) }),
      );
  }
  const startSending = () => sendQueue.start(sendWorker(ports));
  if (!o.holdSends) startSending();
  // The stand-in for the feed schedule; `sources.pollMinutes: 0` (the tests) turns it off.
  const { feeds, pollMinutes } = o.config.sources;
  const stopFeeds =
    feeds.length > 0 && pollMinutes > 0
      ? startFeedTimer(ports, httpFeedFetcher(), { intervalMs: pollMinutes * 60_000 })
      : () => {};
  const stopBriefings = o.briefingTimer ? startBriefingTimer(ports) : () => {};
  const stopRecovery = o.recoveryIntervalMs
    ? startRecoveryTimer(ports, { intervalMs: o.recoveryIntervalMs })
    : () => {};
  // `npm start` again after a stop: scheduled editions get their timers back.
  if (o.rearmSchedules) void rearmScheduled(ports);
  return {
    ports,
    stats: dynamoStatsReader(db, o.config.tableName, o.now),
    editionQueue,
    sendQueue,
    socialQueue,
    engagementQueue,
    social,
    startSending,
    sesEvents,
    async settled() {
      // Edition jobs enqueue sends, sends publish SES events and may finish an edition: wait until all stay empty.
      do {
        await editionQueue.idle();
        await sendQueue.idle();
        await sesEvents.idle();
        await socialQueue.idle();
        await engagementQueue.idle();
      } while (
        editionQueue.depth + sendQueue.depth + sesEvents.depth + socialQueue.depth + engagementQueue.depth >
        0
      );
    },
    stop() {
      scheduler.stop();
      stopFeeds();
      stopBriefings();
      stopRecovery();
      stopEngagement();
      editionQueue.stop();
      sendQueue.stop();
      socialQueue.stop();
      engagementQueue.stop();
    },
  };
}
