import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { serve } from "@hono/node-server";
import { ensureTable, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { BENCH_EDGE_SECRET } from "./bench-edge.js";
import { benchRuntime } from "./bench-runtime.js";

/**
 * Herald's local server as `npm start` runs it, on a fresh table and a free port, for the HTTP load
 * benchmark and the tracked link's latency, the API and tracking functions' work only:  tsx tests/bench/api-server.ts <dynamo endpoint> <ses endpoint> [table]  → prints {"port":n}
 */
// The load generator plays CloudFront (bench-edge.ts): its viewer addresses are believed.
process.env.HERALD_EDGE_ORIGIN_SECRET ??= BENCH_EDGE_SECRET;
const [dynamoEndpoint, sesEndpoint, seeded] = process.argv.slice(2) as [string, string, string?];
const tableName = seeded ?? `bench-api-${randomUUID().slice(0, 8)}`;
await ensureTable(
  new DynamoDBClient({ endpoint: dynamoEndpoint, region: "local", credentials: LOCAL_CREDENTIALS }),
  tableName,
);
const { runtime, app } = benchRuntime(tableName, dynamoEndpoint, sesEndpoint);
// On AWS, confirmation emails are rendered by the render function, not by the API: keep them queued
// so the measured process does the API's work only (they would be sent once the queue restarts).
runtime.editionQueue.stop();
// Likewise clicks: the recorder is a function of its own.
runtime.engagementQueue.stop();
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
