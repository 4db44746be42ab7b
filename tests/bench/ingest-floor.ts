import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { BatchGetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { mapConcurrent } from "../../functions/flows/concurrency.js";
import { SLICES_AT_ONCE } from "../../functions/flows/record-engagements.js";

/**
 * The floor the recorder's ingest is measured against: the least DynamoDB work a batch of clicks by
 * distinct readers needs, done with the document client directly and no Herald logic around it.
 * Per 100 clicks (DynamoDB's cap per request): one BatchGetItem of the readers' marks and one
 * transaction of 100 conditional Puts writing them in `tables.marks`, as many slices of 100 at once as
 * the recorder records; per batch, one transaction of `counterItems` ADD updates in `tables.main` (the
 * email's totals, its links, a timeline bucket). Runs `batches` batches of `batchSize`, `concurrency`
 * at once, after as many unmeasured ones to warm DynamoDB Local.
 *
 * @example
 * const tables = { main: "bench", marks: "bench-marks" };
 * const { eventsPerSecond } = await measureIngestFloor(db, tables, { batches: 20, batchSize: 1000 });
 */
export async function measureIngestFloor(
  db: DynamoDBDocumentClient,
  tables: { main: string; marks: string },
  options: { batches: number; batchSize: number; concurrency?: number; counterItems?: number },
) {
  const { batches, batchSize, concurrency = 1, counterItems = 14 } = options;
  const keys = (n: number, from: number) =>
    [...Array(Math.min(100, batchSize - from)).keys()].map((j) => ({
      pk: `FLOOR#${n}#${from + j}`,
      sk: "mark",
    }));
  const hundreds = [...Array(Math.ceil(batchSize / 100)).keys()].map((i) => i * 100);
  // As the recorder's slices: each reads its 100 marks then writes them, a few slices at once.
  const marks = (n: number) =>
    mapConcurrent(hundreds, SLICES_AT_ONCE, async (from) => {
      await db.send(
        new BatchGetCommand({
          RequestItems: { [tables.marks]: { Keys: keys(n, from), ConsistentRead: true } },
        }),
      );
      await db.send(
        new TransactWriteCommand({
          TransactItems: keys(n, from).map((key) => ({
            Put: {
              TableName: tables.marks,
              Item: { ...key, mark: '{"clicks":1}', version: 1 },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          })),
        }),
      );
    });
  const batch = async (n: number) => {
    await marks(n);
    await db.send(
      new TransactWriteCommand({
        TransactItems: [...Array(counterItems).keys()].map((i) => ({
          Update: {
            TableName: tables.main,
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
  return { eventsPerSecond: (batches * batchSize) / ((performance.now() - started) / 1000) };
}
