import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import type { WireDocumentClient } from "../../functions/adapters/dynamo/json-document-client.js";
import { ensureTable, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { articleBody, signedWebhook } from "../helpers/factories.js";
import { countKeyWrites, type KeyTally, keyLoadsAt, sendKeyCosts } from "../helpers/key-writes.js";
import { benchRuntime } from "./bench-runtime.js";
import { seedTable } from "./seed-table.js";

/**
 * The busiest DynamoDB keys at 10,000 recipients a second, counted, not timed: two real sends (1,000
 * and 5,000 recipients, each on a fresh table) with every write request counted per key, and what the
 * larger wrote more, per recipient, times 10,000 (tests/helpers/key-writes.ts):
 *   tsx tests/bench/hot-keys.ts <dynamo endpoint> <ses endpoint>
 * Prints one JSON line: the three busiest kinds of key, and the edition item's load.
 */
const [dynamoEndpoint, sesEndpoint] = process.argv.slice(2) as [string, string];
const SMALL = 1_000;
const LARGE = 5_000;
const RATE = 10_000;
/** About a newsroom story's length: the edition item's size is what each write to it costs. */
const BODY = `<p>${"MUNICH — The United States has reached out to its European allies. ".repeat(64)}</p>`;

async function countedSend(recipients: number) {
  const table = `hot-keys-${recipients}-${Date.now()}`;
  const options = { endpoint: dynamoEndpoint, region: "local", credentials: LOCAL_CREDENTIALS };
  await ensureTable(new DynamoDBClient(options), table);
  await seedTable(documentClient(options), table, recipients, 8);
  let client: WireDocumentClient | undefined;
  let writes: Map<string, KeyTally> | undefined;
  const { runtime, app } = benchRuntime(table, dynamoEndpoint, sesEndpoint, {
    queue: { visibilityTimeoutMs: 60_000 },
    sendConcurrency: 8,
    configureDynamo: (db) => {
      client = db;
      writes = countKeyWrites(db);
    },
  });
  const res = await app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id: `hot-keys-${recipients}`, bodyHtml: BODY })),
  );
  const { editionId } = (await res.json()) as { editionId: string };
  await runtime.settled();
  const costs = await sendKeyCosts(
    client as WireDocumentClient,
    table,
    writes as Map<string, KeyTally>,
    editionId,
  );
  runtime.stop();
  return { costs, recipients };
}

const loads = keyLoadsAt(RATE, await countedSend(SMALL), await countedSend(LARGE));
const shown = (l: (typeof loads)[number]) => ({
  key: l.key,
  writesPerSecond: Math.round(l.writesPerSecond),
  unitsPerSecond: Math.round(l.unitsPerSecond),
  sizeBytes: l.sizeBytes,
});
const edition = loads.find((l) => l.key === "ED#<id> EDITION");
console.log(
  JSON.stringify({
    rate: RATE,
    busiest: loads.slice(0, 3).map(shown),
    edition: edition ? shown(edition) : undefined,
  }),
);
process.exit(0);
