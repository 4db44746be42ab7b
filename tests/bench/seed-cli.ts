import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { ensureTable, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { seedTable } from "./seed-table.js";

/**
 * Seeds a benchmark table in its own process, so the seeding's allocations never count toward the
 * fan-out process's peak RSS:  tsx tests/bench/seed-cli.ts <dynamo endpoint> <table> <subscribers> <shards> [instant|daily]
 */
const [endpoint, table, size, shards, cadence] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string?,
];
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const options = { endpoint, region: "local", credentials: LOCAL_CREDENTIALS };
await ensureTable(new DynamoDBClient(options), table);
const started = performance.now();
await seedTable(
  documentClient(options),
  table,
  Number(size),
  Number(shards),
  cadence === "daily" ? "daily" : "instant",
);
console.log(JSON.stringify({ seedSeconds: (performance.now() - started) / 1000 }));
