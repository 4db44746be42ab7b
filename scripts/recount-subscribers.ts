import { recountSubscriberTotals } from "../functions/adapters/dynamo/recount-subscribers.js";
import { scriptTable } from "./table-client.js";

/**
 * Resets the subscriber totals of the console's overview to a count of the table (a full scan):
 *   HERALD_TABLE_NAME=<table> [AWS_REGION=…] npx tsx scripts/recount-subscribers.ts
 * Locally add HERALD_DYNAMODB_ENDPOINT=http://127.0.0.1:8000 (credentials: any).
 */
const { tableName: table, db } = scriptTable();
const { subscribers } = await recountSubscriberTotals(db, table);
console.log(`counted ${subscribers} subscribers in ${table}; totals reset`);
