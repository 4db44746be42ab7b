import { randomUUID } from "node:crypto";
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { inject } from "vitest";
import { configFromEnv } from "../../functions/adapters/env-config.js";
import { secretsFromEnv } from "../../functions/adapters/env-secrets.js";
import { ImageFetchError } from "../../functions/adapters/errors.js";
import { httpImageFetcher } from "../../functions/adapters/images/http-image-fetcher.js";
import type { Config } from "../../functions/domain/config.js";
import type { ImageFetcher } from "../../functions/flows/ports.js";
import { ensureTables, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { localApp } from "../../functions/local/local-app.js";
import { type LocalRuntimeOptions, localRuntime } from "../../functions/local/runtime.js";
import { startSesLocal } from "../../functions/local/ses-local.js";
import { mjmlRenderers } from "../../functions/render/renderers.js";
import { renderEditionCard } from "../../functions/render/social/edition-card.js";

export const TEST_PUBLIC_URL = "https://news.example.test";

/**
 * Article images as the card fetches them, but only from this machine: the factories' articles
 * name `https://news.example/…` images, which a test must not try to reach.
 */
export function loopbackImages(): ImageFetcher {
  const http = httpImageFetcher({ timeoutMs: 2_000, allowPrivateHosts: true });
  return {
    fetch: (url) =>
      new URL(url).hostname === "127.0.0.1"
        ? http.fetch(url)
        : Promise.reject(new ImageFetchError("tests fetch images from 127.0.0.1 only")),
  };
}

/**
 * A whole Herald for one test file: its own table in the shared DynamoDB Local, its own SES
 * stand-in on a free port, the local queues and the Hono app. `stop()` in afterAll.
 *
 * `drawCards: true` draws each edition's social card as the render function does. Off by default: a
 * card is 100–300 ms of CPU (a second for the first, which loads the fonts), and only the files
 * about cards look at it; with every file drawing them the suite would take a good third longer.
 */
export async function startHerald(
  overrides: Partial<Config> = {},
  {
    drawCards = false,
    ...options
  }: Partial<
    Pick<
      LocalRuntimeOptions,
      | "wrapPorts"
      | "configureSes"
      | "configureDynamo"
      | "queue"
      | "now"
      | "sendConcurrency"
      | "social"
      | "cards"
      | "socialQueue"
      | "sendRatePerWorker"
      | "timers"
    >
  > & { drawCards?: boolean } = {},
) {
  const dynamoEndpoint = inject("dynamoEndpoint");
  const tableName = `herald-${randomUUID().slice(0, 8)}`;
  const config: Config = {
    ...configFromEnv({
      HERALD_PUBLIC_URL: TEST_PUBLIC_URL,
      HERALD_AUDIENCE_SHARDS: "4",
      HERALD_CHUNK_LEASE_SECONDS: "30",
    }),
    tableName,
    ...overrides,
  };
  const dynamo = new DynamoDBClient({
    endpoint: dynamoEndpoint,
    region: "local",
    credentials: LOCAL_CREDENTIALS,
  });
  await ensureTables(dynamo, config);
  const ses = await startSesLocal(0);
  // The stand-in keeps one store per process: start every Herald with an empty inbox.
  await fetch(`${ses.endpoint}/clear-store`, { method: "POST" });
  const log = new Logger({
    serviceName: "herald-test",
    logLevel: (process.env.HERALD_TEST_LOG ?? "ERROR") as "ERROR",
  });
  const secrets = secretsFromEnv({});
  const runtime = localRuntime({
    config,
    secrets,
    dynamoEndpoint,
    sesEndpoint: ses.endpoint,
    log,
    renderers: {
      ...mjmlRenderers,
      card: drawCards ? { render: renderEditionCard, images: loopbackImages() } : undefined,
    },
    queue: { visibilityTimeoutMs: 50 },
    ...options,
  });
  const app = localApp(runtime);
  return {
    ...runtime,
    app,
    config,
    secrets,
    dynamo,
    sesEndpoint: ses.endpoint,
    async stop() {
      runtime.stop();
      await ses.stop();
      dynamo.destroy();
    },
  };
}

export type TestHerald = Awaited<ReturnType<typeof startHerald>>;
