import { randomUUID } from "node:crypto";
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import type { SQSEvent } from "aws-lambda";
import { inject } from "vitest";
import { buildPorts } from "../../../functions/adapters/build-ports.js";
import { documentClient } from "../../../functions/adapters/dynamo/client.js";
import { dynamoCredentialStore } from "../../../functions/adapters/dynamo/credential-store.js";
import { dynamoSocialEngagementRepo } from "../../../functions/adapters/dynamo/social-engagement-repo.js";
import { configFromEnv } from "../../../functions/adapters/env-config.js";
import { secretsFromEnv } from "../../../functions/adapters/env-secrets.js";
import { socialWorker } from "../../../functions/adapters/sqs/social-worker.js";
import { createApp } from "../../../functions/api/app.js";
import { articleSchema } from "../../../functions/domain/article.js";
import { editionId, zeroCounts } from "../../../functions/domain/edition.js";
import type { AnySocialAdapter } from "../../../functions/flows/ports/social-adapters.js";
import type { CardStore, Queue, SendOptions, SocialJob } from "../../../functions/flows/ports.js";
import { ensureTable, LOCAL_CREDENTIALS } from "../../../functions/local/dynamodb-local.js";
import { articleBody } from "../factories.js";

/** A message as the harness queue holds it: due at `dueAt` on the harness clock. */
export interface Queued<T> {
  job: T;
  delaySeconds: number;
  dueAt: number;
  receives: number;
}

/** An in-memory queue on the harness clock: delays are kept (to assert on) and honoured by `runDue`. */
export function clockedQueue<T>(now: () => Date): Queue<T> & { messages: Queued<T>[]; sent: Queued<T>[] } {
  const messages: Queued<T>[] = [];
  const sent: Queued<T>[] = [];
  return {
    messages,
    sent,
    async send(jobs: T[], options: SendOptions = {}) {
      const delaySeconds = options.delaySeconds ?? 0;
      for (const job of jobs) {
        const m = { job, delaySeconds, dueAt: now().getTime() + delaySeconds * 1000, receives: 0 };
        messages.push(m);
        sent.push(m);
      }
    },
  };
}

/** A card store in memory: the card is what the render function stores (a few PNG bytes will do). */
export function memoryCards(): CardStore & { cards: Map<string, Uint8Array> } {
  const cards = new Map<string, Uint8Array>();
  return {
    cards,
    async put(id, png) {
      cards.set(id, png);
    },
    async get(id) {
      return cards.get(id);
    },
  };
}

/** Where the harness clock starts: scripts compute the network's times from it. */
export const HARNESS_START = Date.parse("2026-01-05T10:00:00Z");
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** How long a failed message stays invisible before the harness delivers it again. */
const VISIBILITY_MS = 60_000;

/**
 * The social worker over DynamoDB Local with a clock the test moves: the same repositories, worker
 * and API as in production, the queue and the card store in memory, and the adapters the test scripts.
 */
export async function socialHarness(adapters: AnySocialAdapter[]) {
  const tableName = `herald-${randomUUID().slice(0, 8)}`;
  const endpoint = inject("dynamoEndpoint");
  const raw = new DynamoDBClient({ endpoint, region: "local", credentials: LOCAL_CREDENTIALS });
  await ensureTable(raw, tableName);
  raw.destroy();
  let clock = new Date(HARNESS_START);
  const now = () => clock;
  const socialQueue = clockedQueue<SocialJob>(now);
  const cards = memoryCards();
  const db = documentClient({ endpoint, region: "local", credentials: LOCAL_CREDENTIALS });
  const config = { ...configFromEnv({ HERALD_PUBLIC_URL: "https://news.example.test" }), tableName };
  const ports = buildPorts({
    config,
    secrets: secretsFromEnv({}),
    db,
    ses: new SESv2Client({ region: "local", endpoint: "http://127.0.0.1:9", credentials: LOCAL_CREDENTIALS }),
    editionQueue: clockedQueue(now),
    sendQueue: clockedQueue(now),
    socialQueue,
    engagementQueue: clockedQueue(now),
    scheduler: { schedule: async () => {}, unschedule: async () => {} },
    cards,
    log: new Logger({ serviceName: "herald-test", logLevel: "ERROR" }),
    now,
  });
  const credentials = dynamoCredentialStore(db, tableName);
  const engagement = dynamoSocialEngagementRepo(db, tableName);
  const worker = socialWorker(ports, { adapters, credentials, engagement, random: () => 0 });

  /** Delivers every message that is due, and what those queue, until nothing is due on the clock. */
  async function runDue(): Promise<void> {
    for (;;) {
      const due = socialQueue.messages.filter((m) => m.dueAt <= clock.getTime());
      if (due.length === 0) return;
      for (const m of due) socialQueue.messages.splice(socialQueue.messages.indexOf(m), 1);
      const event = {
        Records: due.map((m, i) => ({ messageId: String(i), body: JSON.stringify(m.job) })),
      } as SQSEvent;
      const { batchItemFailures } = await worker(event);
      for (const { itemIdentifier } of batchItemFailures) {
        const m = due[Number(itemIdentifier)] as Queued<SocialJob>;
        socialQueue.messages.push({ ...m, receives: m.receives + 1, dueAt: clock.getTime() + VISIBILITY_MS });
      }
    }
  }

  return {
    ports,
    cards,
    credentials,
    engagement,
    socialQueue,
    runDue,
    app: createApp(ports),
    now,
    advance(ms: number) {
      clock = new Date(clock.getTime() + ms);
    },
    /** Records an edition (as the webhook does), with its card stored unless `card: false`. */
    async edition(overrides: Record<string, unknown> = {}, { card = true } = {}) {
      const article = articleSchema(config.topics).parse(
        articleBody({ id: `a-${randomUUID()}`, ...overrides }),
      );
      const id = editionId(article.id, article.version);
      const at = clock.toISOString();
      await ports.editions.create({
        id,
        article,
        status: "queued",
        counts: zeroCounts(),
        createdAt: at,
        updatedAt: at,
        plan: {},
        planDone: false,
        chunksTotal: 0,
        chunksDone: 0,
      });
      if (card) await cards.put(id, PNG);
      return id;
    },
    /** Fans the edition out, as the render function's message does, and runs what is due. */
    async post(id: string) {
      await socialQueue.send([{ editionId: id }]);
      await runDue();
    },
    stop: () => db.destroy(),
  };
}
