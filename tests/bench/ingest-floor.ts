import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { BatchGetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { mapConcurrent } from "../../functions/flows/concurrency.js";

/**
 * The floor the recorder's ingest is measured against: the least DynamoDB work a batch of 100 clicks
 * by 100 distinct readers needs, done with the SDK directly and no Herald logic around it. Per batch:
 * one BatchGetItem of the 100 readers' marks, one transaction of 100 conditional Puts writing them,
 * and one transaction of `counterItems` ADD updates (the email's totals, its links, a timeline bucket).
 * Runs `batches` batches, `concurrency` at once, after as many unmeasured ones to warm DynamoDB Local.
 *
 * @example
 * const { eventsPerSecond } = await measureIngestFloor(db, "bench-analytics", { batches: 100 });
 */
export async function measureIngestFloor(
  db: DynamoDBDocumentClient,
  table: string,
  {
    batches,
    concurrency = 1,
    counterItems = 14,
  }: { batches: number; concurrency?: number; counterItems?: number },
) {
  const batch = async (n: number) => {
    const keys = [...Array(100).keys()].map((j) => ({ pk: `FLOOR#${n}#${j}`, sk: "mark" }));
    await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }));
    await db.send(
      new TransactWriteCommand({
        TransactItems: keys.map((key) => ({
          Put: {
            TableName: table,
            Item: { ...key, mark: '{"clicks":1}', version: 1 },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        })),
      }),
    );
    await db.send(
      new TransactWriteCommand({
        TransactItems: [...Array(counterItems).keys()].map((i) => ({
          Update: {
            TableName: table,
            Key: { pk: "FLOOR#counters", sk: `C#${i}` },
            UpdateExpression: "ADD clicks :n",
            ExpressionAttributeValues: { ":n": 7 },
          },
        })),
      }),
    );
  };
  const run = (from: number) =>
    mapConcurrent([...Array(batches).keys()], concurrency, (i) => batch(from + i));
  await run(1_000_000);
  const started = performance.now();
  await run(0);
  return { eventsPerSecond: (batches * 100) / ((performance.now() - started) / 1000) };
}
