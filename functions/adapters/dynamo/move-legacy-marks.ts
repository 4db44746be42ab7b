import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { writeIf } from "./conditional-write.js";
import { PK } from "./keys.js";
import { scanPages } from "./scan-pages.js";

/**
 * Moves the engagement marks an older Herald wrote into the main table to the marks table, once
 * after upgrading: the recorder reads only the marks table, so without them a reader's next event
 * on an email sent before the upgrade would count as their first. A mark goes over only where the
 * marks table has none for that recipient and email (the recorder may have written one since, and
 * it holds the newer events); the main table's copy is deleted either way. It scans every item: run
 * it from a script (`scripts/upgrade-items.ts`), not per request. Safe to run again, and while the
 * recorder runs.
 *
 * @example
 * await moveLegacyMarks(db, "herald", "herald-marks"); // { moved: 1200, kept: 3 }
 */
export async function moveLegacyMarks(db: DynamoDBDocumentClient, table: string, marksTable: string) {
  let moved = 0;
  let kept = 0;
  const pages = scanPages(db, {
    TableName: table,
    FilterExpression: "begins_with(pk, :mark)",
    ExpressionAttributeValues: { ":mark": PK.engagementMark },
  });
  for await (const items of pages) {
    for (const item of items) {
      const put = new PutCommand({
        TableName: marksTable,
        Item: item,
        ConditionExpression: "attribute_not_exists(pk)",
      });
      if (await writeIf(db.send(put))) moved++;
      else kept++;
      await db.send(new DeleteCommand({ TableName: table, Key: { pk: item.pk, sk: item.sk } }));
    }
  }
  return { moved, kept };
}
