import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";

/**
 * The Update that `ADD`s every non-zero delta to one item (and `SET`s `url` when given); `undefined`
 * when there is nothing to change.
 *
 * @example
 * const update = counterUpdate("herald", { pk: "ESTAT#ed_…#3", sk: "MSG" }, { humanClickers: 1 });
 */
export function counterUpdate(
  table: string,
  key: { pk: string; sk: string },
  deltas: Record<string, number>,
  url?: string,
) {
  const entries = Object.entries(deltas).filter(([, v]) => v !== 0);
  if (!entries.length && url === undefined) return undefined;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  entries.forEach(([k, v], i) => {
    names[`#a${i}`] = k;
    values[`:v${i}`] = v;
  });
  let expression = entries.length ? `ADD ${entries.map((_, i) => `#a${i} :v${i}`).join(", ")}` : "";
  if (url !== undefined) {
    names["#url"] = "url";
    values[":url"] = url;
    expression = `SET #url = :url ${expression}`;
  }
  return {
    TableName: table,
    Key: key,
    UpdateExpression: expression,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * `ADD`s every non-zero delta to one item (and `SET`s `url` when given); nothing when there is none.
 *
 * @example
 * await addToItem(db, table, { pk: "ESTAT#ed_…#3", sk: "MSG" }, { humanClickers: 1 });
 */
export async function addToItem(
  db: DynamoDBDocumentClient,
  table: string,
  key: { pk: string; sk: string },
  deltas: Record<string, number>,
  url?: string,
) {
  const update = counterUpdate(table, key, deltas, url);
  if (update) await db.send(new UpdateCommand(update));
}

/**
 * Every item of a partition, or of a sort-key range of it, page after page.
 *
 * @example
 * const days = await queryItems(db, table, "AUDSTAT#0", ["DAY#2026-12-01", "DAY#2026-12-06"]);
 */
export async function queryItems(
  db: DynamoDBDocumentClient,
  table: string,
  pk: string,
  between?: [string, string],
) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: between ? "pk = :pk AND sk BETWEEN :a AND :b" : "pk = :pk",
        ExpressionAttributeValues: { ":pk": pk, ...(between ? { ":a": between[0], ":b": between[1] } : {}) },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
