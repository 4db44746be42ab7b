import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { keys } from "../../functions/adapters/dynamo/keys.js";
import { ensureTable, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";

/**
 * The latency rows' reference: a bare Hono route on the same server type as Herald's local API
 * (@hono/node-server, its own process), answering each request with one strongly consistent
 * GetItem on DynamoDB Local and the item as JSON. No validation, no rate limit, no Herald code path:
 * what any endpoint on this stack pays at least.
 *   tsx tests/bench/bare-server.ts <dynamo endpoint> <table>  → prints {"port":n}
 */
const [dynamoEndpoint, tableName] = process.argv.slice(2) as [string, string];
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const options = { endpoint: dynamoEndpoint, region: "local", credentials: LOCAL_CREDENTIALS };
await ensureTable(new DynamoDBClient(options), tableName);
const db = documentClient(options);
const key = keys.subscriber("bare-route-reader");
await db.send(new GetCommand({ TableName: tableName, Key: key }));
const app = new Hono().get("/bare", async (c) => {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return c.json({ found: Boolean(out.Item) });
});
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
