import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { BatchWriteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { Subscriber } from "../../domain/subscriber.js";
import { statsChange } from "../../domain/subscriber-stats.js";
import { keys, PK, SK } from "./keys.js";
import { scanPages } from "./scan-pages.js";
import { STATS_SHARDS } from "./subscriber-stats.js";

/**
 * Sets the subscriber totals to a count of the table (growth per day is history and stays). For the
 * drift the counters cannot see (unconfirmed sign-ups deleted by TTL, a counter update lost to a
 * crash) and for a table that had subscribers before the counters existed. It scans every item: run
 * it from a script at a quiet hour, never per page view. Changes made while it scans may be lost
 * from the totals; run it again if that matters.
 *
 * @example
 * await recountSubscriberTotals(db, "herald"); // { subscribers: 100000 }
 */
export async function recountSubscriberTotals(db: DynamoDBDocumentClient, table: string) {
  const totals: Record<string, number> = {};
  let subscribers = 0;
  const pages = scanPages(db, {
    TableName: table,
    FilterExpression: "sk = :p AND begins_with(pk, :s)",
    ExpressionAttributeValues: { ":p": SK.profile, ":s": PK.subscriber },
  });
  for await (const items of pages) {
    for (const item of items) {
      const s = Subscriber.safeParse(item);
      if (!s.success) continue;
      subscribers++;
      for (const [k, v] of Object.entries(statsChange(undefined, s.data, "").totals))
        totals[k] = (totals[k] ?? 0) + v;
    }
  }
  const pk = keys.statsPartition;
  await db.send(new PutCommand({ TableName: table, Item: { pk, sk: keys.statsTotals(0), ...totals } }));
  const others = Array.from({ length: STATS_SHARDS - 1 }, (_, i) => ({
    DeleteRequest: { Key: { pk, sk: keys.statsTotals(i + 1) } },
  }));
  let request: Record<string, unknown[]> | undefined = { [table]: others };
  while (request && Object.keys(request).length) {
    const out = await db.send(new BatchWriteCommand({ RequestItems: request as never }));
    request = out.UnprocessedItems as typeof request;
  }
  return { subscribers };
}
