import { documentClient } from "../functions/adapters/dynamo/client.js";
import { recountSubscriberTotals } from "../functions/adapters/dynamo/recount-subscribers.js";

/**
 * Resets the subscriber totals of the console's overview to a count of the table (a full scan):
 *   HERALD_TABLE_NAME=<table> [AWS_REGION=…] npx tsx scripts/recount-subscribers.ts
 * Locally add HERALD_DYNAMODB_ENDPOINT=http://127.0.0.1:8000 (credentials: any).
 */
const table = process.env.HERALD_TABLE_NAME ?? "herald";
const endpoint = process.env.HERALD_DYNAMODB_ENDPOINT;
const db = documentClient(
  endpoint
    ? { endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } }
    : {},
);
const { subscribers } = await recountSubscriberTotals(db, table);
console.log(`counted ${subscribers} subscribers in ${table}; totals reset`);
