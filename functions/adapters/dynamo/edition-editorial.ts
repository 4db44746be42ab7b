import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { EditionRepo, MoveResult, StatusMove } from "../../flows/ports.js";
import { conditionally } from "./conditional-write.js";
import { keys, SK } from "./keys.js";
import { writeTransaction } from "./transaction.js";

/** One conditional update of the status and editorial fields; the expression parts for `move`. */
function moveUpdate(table: string, id: string, change: StatusMove) {
  const from = Object.fromEntries(change.from.map((s, i) => [`:f${i}`, s]));
  const set = Object.entries(change.set ?? {}).filter(([, v]) => v !== undefined);
  const sets = ["#s = :to", "updatedAt = :now", ...set.map(([k]) => `#${k} = :${k}`)];
  const removes = [...(change.remove ?? []), ...(change.reason ? [] : ["statusReason"])];
  if (change.reason) sets.push("statusReason = :why");
  return {
    TableName: table,
    Key: keys.edition(id),
    UpdateExpression: `SET ${sets.join(", ")}${removes.length ? ` REMOVE ${removes.join(", ")}` : ""}`,
    ConditionExpression: `#s IN (${Object.keys(from).join(",")})`,
    ExpressionAttributeNames: { "#s": "status", ...Object.fromEntries(set.map(([k]) => [`#${k}`, k])) },
    ExpressionAttributeValues: {
      ...from,
      ":to": change.to,
      ":now": new Date().toISOString(),
      ...(change.reason ? { ":why": change.reason } : {}),
      ...Object.fromEntries(set.map(([k, v]) => [`:${k}`, v])),
    },
  };
}

/**
 * The editorial writes on an edition: status moves that carry `sendAt`, `heldSince` and friends,
 * the article's latest-version pointer, and the per-minute send counters' read side.
 */
export function editionEditorial(
  db: DynamoDBDocumentClient,
  table: string,
): Pick<EditionRepo, "move" | "markLatest" | "sendRate"> {
  return {
    async move(id, change): Promise<MoveResult> {
      const update = moveUpdate(table, id, change);
      // One transaction: a newer version that takes the pointer first makes this one fail, and one
      // that takes it after finds this edition held or scheduled and replaces it.
      const out = await conditionally<unknown>(
        !change.ifLatestOf
          ? db.send(new UpdateCommand(update))
          : writeTransaction(db, {
              TransactItems: [
                { Update: update },
                {
                  ConditionCheck: {
                    TableName: table,
                    Key: keys.articleLatest(change.ifLatestOf),
                    ConditionExpression: "editionId = :id",
                    ExpressionAttributeValues: { ":id": id },
                  },
                },
              ],
            }),
      );
      if (out.written) return "moved";
      return out.refused[1] ? "superseded" : "status";
    },
    async markLatest(articleId, editionId, createdAt) {
      // Newest publication wins: a retried older delivery never takes the pointer back.
      const put = await conditionally(
        db.send(
          new PutCommand({
            TableName: table,
            Item: { ...keys.articleLatest(articleId), editionId, createdAt },
            ConditionExpression: "attribute_not_exists(pk) OR createdAt <= :c OR editionId = :id",
            ExpressionAttributeValues: { ":c": createdAt, ":id": editionId },
            ReturnValues: "ALL_OLD",
          }),
        ),
      );
      if (!put.written) return undefined;
      const previous = put.output.Attributes?.editionId as string | undefined;
      return previous === editionId ? undefined : previous;
    },
    async sendRate(id) {
      const rate: Array<{ minute: string; sent: number }> = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: "pk = :pk AND begins_with(sk, :r)",
            ExpressionAttributeValues: { ":pk": keys.edition(id).pk, ":r": SK.sendRate },
            ExclusiveStartKey: start,
          }),
        );
        // A minute's shards sort together (`<minute>#<n>`): summed into one point.
        for (const i of out.Items ?? []) {
          const minute = keys.sendRateMinuteFrom(i.sk);
          const last = rate.at(-1);
          if (last?.minute === minute) last.sent += Number(i.sent ?? 0);
          else rate.push({ minute, sent: Number(i.sent ?? 0) });
        }
        start = out.LastEvaluatedKey;
      } while (start);
      return rate;
    },
  };
}
