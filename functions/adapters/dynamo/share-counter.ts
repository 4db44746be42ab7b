import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { EditionRepo } from "../../flows/ports.js";
import { writeIf } from "./conditional-write.js";
import { keys } from "./keys.js";
import { writeTransaction } from "./transaction.js";

/** Marks this process saw lately; past this many it starts afresh (DynamoDB still has them). */
const RECENT_LIMIT = 10_000;

/**
 * Reader shares per edition and network. A share with a mark counts once: the mark is written with
 * the counter in one transaction, on condition that it is new, and expires with its window. A mark
 * this process already wrote costs nothing at all, so a loop of GETs from one client is one write.
 */
export function shareCounter(db: DynamoDBDocumentClient, table: string): Pick<EditionRepo, "countShare"> {
  const recent = new Set<string>();
  const count = (id: string, network: string) => ({
    TableName: table,
    Key: keys.shares(id),
    UpdateExpression: "ADD #n :one",
    ExpressionAttributeNames: { "#n": network },
    ExpressionAttributeValues: { ":one": 1 },
  });
  return {
    async countShare(id, network, once) {
      if (!once) {
        await db.send(new UpdateCommand(count(id, network)));
        return;
      }
      if (recent.has(once.mark)) return;
      if (recent.size >= RECENT_LIMIT) recent.clear();
      recent.add(once.mark);
      // Refused: counted already in this window (by another process).
      await writeIf(
        writeTransaction(db, {
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: { ...keys.shareMark(once.mark), ttl: once.expiresAt },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            { Update: count(id, network) },
          ],
        }),
      );
    },
  };
}
