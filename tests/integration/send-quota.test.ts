import { randomUUID } from "node:crypto";
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, inject, it } from "vitest";
import { configFromEnv } from "../../functions/adapters/env-config.js";
import { secretsFromEnv } from "../../functions/adapters/env-secrets.js";
import { createApp } from "../../functions/api/app.js";
import { ensureTables, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { type LocalRuntime, localRuntime } from "../../functions/local/runtime.js";
import { mjmlRenderers } from "../../functions/render/renderers.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startNullSes } from "../helpers/null-ses.js";
import { seedSubscribers } from "../helpers/seed.js";

/**
 * A send against an SES that enforces its sending quota (tests/helpers/null-ses.ts: a token bucket
 * per recipient, refusing over-rate calls with 429 TooManyRequestsException "Maximum sending rate
 * exceeded", as SES v2 does). Counts, never timings: every reader is accepted by SES exactly once,
 * whether Herald paces itself to the quota or runs into it.
 */
const READERS = 2_000;
const QUOTA = 500;

let stop: (() => Promise<void>) | undefined;
afterEach(async () => stop?.());

async function sendUnderQuota(sendRatePerWorker?: number) {
  const ses = await startNullSes({ ratePerSecond: QUOTA, countRecipients: true });
  const dynamoEndpoint = inject("dynamoEndpoint");
  const config = {
    ...configFromEnv({ HERALD_PUBLIC_URL: "https://news.example.test", HERALD_AUDIENCE_SHARDS: "4" }),
    tableName: `herald-${randomUUID().slice(0, 8)}`,
  };
  const dynamo = new DynamoDBClient({
    endpoint: dynamoEndpoint,
    region: "local",
    credentials: LOCAL_CREDENTIALS,
  });
  await ensureTables(dynamo, config);
  const runtime: LocalRuntime = localRuntime({
    config,
    secrets: secretsFromEnv({}),
    dynamoEndpoint,
    sesEndpoint: ses.endpoint,
    log: new Logger({ serviceName: "herald-test", logLevel: "ERROR" }),
    renderers: mjmlRenderers,
    // Eight workers at once, as the bench runs; a throttled chunk's 1, 2, 4 … s delay passes in a tenth.
    sendConcurrency: 8,
    queue: { visibilityTimeoutMs: 30_000, delaySecondMs: 100 },
    ...(sendRatePerWorker ? { sendRatePerWorker } : {}),
  });
  stop = async () => {
    runtime.stop();
    await ses.stop();
    dynamo.destroy();
  };
  const emails = await seedSubscribers(runtime.ports, READERS, (i) =>
    i % 3 === 0 ? ["world", "politics"] : i % 3 === 1 ? ["world"] : ["politics"],
  );
  const app = createApp(runtime.ports);
  const res = await app.request("/v1/webhooks/articles", signedWebhook(articleBody({ id: randomUUID() })));
  const { editionId } = (await res.json()) as { editionId: string };
  await runtime.settled();
  const edition = (await (
    await app.request(`/v1/editions/${editionId}`, { headers: adminHeaders() })
  ).json()) as { status: string; counts: Record<string, number> };
  return { stats: ses.stats(), edition, emails, deadLetters: runtime.sendQueue.deadLetters };
}

describe("a send against SES's sending quota", () => {
  it("unpaced, runs into the quota, and still every reader is accepted exactly once", async () => {
    const { stats, edition, deadLetters } = await sendUnderQuota();

    expect(stats.throttledCalls).toBeGreaterThan(0);
    expect(stats.uniqueRecipients).toBe(READERS);
    expect(stats.duplicates).toBe(0);
    expect(stats.accepted).toBe(READERS);
    expect(edition).toMatchObject({
      status: "sent",
      counts: { planned: READERS, sent: READERS, failed: 0, unknown: 0 },
    });
    expect(deadLetters).toEqual([]);
  }, 180_000);

  it("paced to the quota, every reader is accepted exactly once", async () => {
    const { stats, edition } = await sendUnderQuota(QUOTA);

    expect(stats.uniqueRecipients).toBe(READERS);
    expect(stats.duplicates).toBe(0);
    expect(edition).toMatchObject({ status: "sent", counts: { sent: READERS, failed: 0, unknown: 0 } });
  }, 180_000);
});
