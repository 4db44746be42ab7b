import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { keys } from "../../functions/adapters/dynamo/keys.js";
import { recountSubscriberTotals } from "../../functions/adapters/dynamo/recount-subscribers.js";
import { STATS_SHARDS } from "../../functions/adapters/dynamo/subscriber-stats.js";
import { lastDays } from "../../functions/domain/subscriber-stats.js";
import { LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";

/**
 * Gives a seeded subscriber table the counters the overview reads: totals from a recount, and 90
 * days of growth in every shard (the most items a read can meet):
 *   tsx tests/bench/seed-stats.ts <dynamo endpoint> <table>
 */
const [endpoint, table] = process.argv.slice(2) as [string, string];
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const db = documentClient({ endpoint, region: "local", credentials: LOCAL_CREDENTIALS });
const { subscribers } = await recountSubscriberTotals(db, table);
const items = lastDays(new Date(), 90).flatMap((day, d) =>
  Array.from({ length: STATS_SHARDS }, (_, shard) => ({
    pk: keys.statsPartition,
    sk: `DAY#${day}#${shard}`,
    signups: 40 + ((d * 7 + shard) % 13),
    confirmations: 30 + (d % 11),
    unsubscribes: 3 + (shard % 4),
    bounces: d % 3,
    complaints: d % 5 === 0 ? 1 : 0,
  })),
);
for (let i = 0; i < items.length; i += 25) {
  await db.send(
    new BatchWriteCommand({
      RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
    }),
  );
}
console.log(JSON.stringify({ subscribers, growthItems: items.length }));
