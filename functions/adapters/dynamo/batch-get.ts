import { BatchGetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Freshness } from "../../flows/ports/subscribers.js";
import type { Projection } from "./indexed-items.js";

type Key = Record<string, string>;

type Request = Record<
  string,
  { Keys: Key[]; ConsistentRead: boolean; ProjectionExpression?: string; ExpressionAttributeNames?: Key }
>;

/**
 * BatchGetItem of any number of keys: 100 a request (DynamoDB's cap), and the keys DynamoDB leaves
 * unprocessed under load asked for again with a growing pause. `projection` reads only those
 * attributes of every item; strongly consistent unless `freshness` is `recent`.
 */
export async function batchGetAll(
  db: DynamoDBDocumentClient,
  table: string,
  keys: Key[],
  projection?: Projection,
  freshness: Freshness = "latest",
) {
  const items: Record<string, unknown>[] = [];
  const only = projection
    ? { ProjectionExpression: projection.expression, ExpressionAttributeNames: projection.names }
    : {};
  for (let i = 0; i < keys.length; i += 100) {
    let request: Request | undefined = {
      [table]: { Keys: keys.slice(i, i + 100), ConsistentRead: freshness === "latest", ...only },
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
