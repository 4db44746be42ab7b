import type { DynamoDBDocumentClient, ScanCommandInput } from "@aws-sdk/lib-dynamodb";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";

/**
 * Every page of a Scan, in order (a page may be empty when a filter dropped all it read): the one
 * loop over `LastEvaluatedKey` the whole-table jobs share (the export, the recount, moving marks).
 *
 * @example
 * for await (const items of scanPages(db, { TableName: "herald" })) count += items.length;
 */
export async function* scanPages(
  db: DynamoDBDocumentClient,
  input: Omit<ScanCommandInput, "ExclusiveStartKey">,
): AsyncGenerator<Record<string, unknown>[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new ScanCommand({ ...input, ExclusiveStartKey: start }));
    yield out.Items ?? [];
    start = out.LastEvaluatedKey;
  } while (start);
}
