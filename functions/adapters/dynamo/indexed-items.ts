import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { writeIf } from "./conditional-write.js";

/**
 * Puts an item that must not exist yet, listed under `index` (gsi1) by creation time; `false` when
 * one with its key exists already. Editions and briefings are created this way: exactly once.
 */
export async function putListed(
  db: DynamoDBDocumentClient,
  table: string,
  item: Record<string, unknown> & { id: string; createdAt: string },
  index: string,
): Promise<boolean> {
  return writeIf(
    db.send(
      new PutCommand({
        TableName: table,
        Item: { ...item, gsi1pk: index, gsi1sk: `${item.createdAt}#${item.id}` },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    ),
  );
}

/** A ProjectionExpression with its attribute names (every path through names: any may be reserved). */
export interface Projection {
  expression: string;
  names: Record<string, string>;
}

/**
 * The projection of `paths` (`"status"`, `"article.title"`), every part through a name.
 *
 * @example
 * projectionOf(["id", "article.title"]); // { expression: "#p0, #p1.#p2", names: { "#p0": "id", … } }
 */
export function projectionOf(paths: readonly string[]): Projection {
  const names: Record<string, string> = {};
  const nameOf = (part: string) => {
    const found = Object.entries(names).find(([, v]) => v === part)?.[0];
    if (found) return found;
    const name = `#p${Object.keys(names).length}`;
    names[name] = part;
    return name;
  };
  const expression = paths.map((p) => p.split(".").map(nameOf).join(".")).join(", ");
  return { expression, names };
}

/** One page of what `putListed` put under `index`, newest first; the cursor is opaque to callers. */
export async function listedPage(
  db: DynamoDBDocumentClient,
  table: string,
  index: string,
  limit: number,
  cursor?: string,
  projection?: Projection,
): Promise<{ items: Record<string, unknown>[]; cursor?: string }> {
  const out = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :p",
      ExpressionAttributeValues: { ":p": index },
      ...(projection
        ? { ProjectionExpression: projection.expression, ExpressionAttributeNames: projection.names }
        : {}),
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: cursor ? JSON.parse(Buffer.from(cursor, "base64url").toString()) : undefined,
    }),
  );
  return {
    items: out.Items ?? [],
    cursor: out.LastEvaluatedKey
      ? Buffer.from(JSON.stringify(out.LastEvaluatedKey)).toString("base64url")
      : undefined,
  };
}
