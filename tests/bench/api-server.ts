import { randomUUID } from "node:crypto";
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { serve } from "@hono/node-server";
import { configFromEnv } from "../../functions/adapters/env-config.js";
import { secretsFromEnv } from "../../functions/adapters/env-secrets.js";
import { createApp } from "../../functions/api/app.js";
import { ensureTable, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { localRuntime } from "../../functions/local/runtime.js";
import { mjmlRenderers } from "../../functions/render/renderers.js";

/**
 * Herald's local server as `npm start` runs it, on a fresh table and a free port, for the HTTP load
 * benchmark, API only:  tsx tests/bench/api-server.ts <dynamo endpoint> <ses endpoint>  → prints {"port":n}
 */
const [dynamoEndpoint, sesEndpoint] = process.argv.slice(2) as [string, string];
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const config = {
  ...configFromEnv({ HERALD_PUBLIC_URL: "https://news.bench.example" }),
  tableName: `bench-api-${randomUUID().slice(0, 8)}`,
};
await ensureTable(
  new DynamoDBClient({ endpoint: dynamoEndpoint, region: "local", credentials: LOCAL_CREDENTIALS }),
  config.tableName,
);
const runtime = localRuntime({
  config,
  secrets: secretsFromEnv({}),
  dynamoEndpoint,
  sesEndpoint,
  log: new Logger({ serviceName: "bench", logLevel: "ERROR" }),
  renderers: mjmlRenderers,
});
// On AWS, confirmation emails are rendered by the render function, not by the API: keep them queued
// so the measured process does the API's work only (they would be sent once the queue restarts).
runtime.editionQueue.stop();
const server = serve({ fetch: createApp(runtime.ports).fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
