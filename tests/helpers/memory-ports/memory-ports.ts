import { Logger } from "@aws-lambda-powertools/logger";
import { configFromEnv } from "../../../functions/adapters/env-config.js";
import { secretsFromEnv } from "../../../functions/adapters/env-secrets.js";
import { unpaced } from "../../../functions/flows/pacer.js";
import type { EngagementJob, Ports, RenderJob, SendJob, SocialJob } from "../../../functions/flows/ports.js";
import { type MemoryChunkRepo, memoryChunkRepo } from "./memory-chunk-repo.js";
import { type MemoryEditionRepo, memoryEditionRepo } from "./memory-edition-repo.js";
import { type MemorySubscriberRepo, memorySubscriberRepo } from "./memory-subscriber-repo.js";
import { type MemorySuppressions, memorySuppressions } from "./memory-suppressions.js";
import { memoryWorkLedger } from "./memory-work-ledger.js";
import { type RecordingMailer, recordingMailer } from "./recording-mailer.js";
import { type RecordingQueue, recordingQueue } from "./recording-queue.js";
import { unwired } from "./unwired.js";

/** Where the fixed clock of {@link memoryPorts} starts. */
export const START = new Date("2026-03-02T07:00:00.000Z");

/** A clock that moves only when a test moves it. */
export interface TestClock {
  now(): Date;
  advance(seconds: number): void;
}

function testClock(start: Date): TestClock {
  let at = start.getTime();
  return {
    now: () => new Date(at),
    advance(seconds) {
      at += seconds * 1000;
    },
  };
}

/** `Ports` whose stores a test can arrange and read, and whose mailer and queues record their calls. */
export interface MemoryPorts extends Ports {
  editions: MemoryEditionRepo;
  chunks: MemoryChunkRepo;
  subscribers: MemorySubscriberRepo;
  suppressions: MemorySuppressions;
  mailer: RecordingMailer;
  editionQueue: RecordingQueue<RenderJob>;
  sendQueue: RecordingQueue<SendJob>;
  socialQueue: RecordingQueue<SocialJob>;
  engagementQueue: RecordingQueue<EngagementJob>;
  clock: TestClock;
}

/**
 * Every port in memory, for flow unit tests: no Java, no network, a clock fixed at {@link START}.
 * The development configuration and secrets apply; ports a flow under test does not use throw when
 * called (pass one in `overrides` if it should).
 *
 * @example
 * const ports = memoryPorts({ config: { ...memoryPorts().config, pauseMinSample: 10 } });
 * ports.mailer.answer("throttle");
 */
export function memoryPorts(overrides: Partial<MemoryPorts> = {}): MemoryPorts {
  const clock = overrides.clock ?? testClock(START);
  const editions = overrides.editions ?? memoryEditionRepo(clock.now);
  return {
    config: configFromEnv({}),
    secrets: secretsFromEnv({}),
    editions,
    chunks: memoryChunkRepo(editions),
    subscribers: memorySubscriberRepo(clock.now),
    suppressions: memorySuppressions(),
    mailer: recordingMailer(),
    pacer: unpaced,
    editionQueue: recordingQueue(),
    sendQueue: recordingQueue(),
    socialQueue: recordingQueue(),
    engagementQueue: recordingQueue(),
    briefings: unwired("briefings"),
    audience: unwired("audience"),
    rateLimiter: unwired("rateLimiter"),
    socialIntents: unwired("socialIntents"),
    socialAccounts: unwired("socialAccounts"),
    feeds: unwired("feeds"),
    cards: unwired("cards"),
    sessions: unwired("sessions"),
    audit: unwired("audit"),
    subscriberStats: unwired("subscriberStats"),
    engagement: unwired("engagement"),
    audienceCounters: unwired("audienceCounters"),
    work: memoryWorkLedger(),
    scheduler: unwired("scheduler"),
    log: new Logger({ serviceName: "herald-unit", logLevel: "SILENT" as "ERROR" }),
    clock,
    now: clock.now,
    ...overrides,
  };
}
