import { BatchGetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

type Key = Record<string, string>;

/**
 * Strongly consistent BatchGetItem of any number of keys: 100 a request (DynamoDB's cap), and the
 * keys DynamoDB leaves unprocessed under load asked for again with a growing pause.
 */
export async function batchGetAll(db: DynamoDBDocumentClient, table: string, keys: Key[]) {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let request: Record<string, { Keys: Key[]; ConsistentRead: boolean }> | undefined = {
      [table]: { Keys: keys.slice(i, i + 100), ConsistentRead: true },
    };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const out = await db.send(new BatchGetCommand({ RequestItems: request }));
      items.push(...(out.Responses?.[table] ?? []));
      request = out.UnprocessedKeys as typeof request;
    }
  }
  return items;
}
