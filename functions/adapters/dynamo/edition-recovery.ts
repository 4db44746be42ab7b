import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { EditionRepo } from "../../flows/ports.js";
import { keys } from "./keys.js";

/** What the recovery pass writes on a fan-out's item (editions and briefings alike). */
export function editionRecovery(
  db: DynamoDBDocumentClient,
  table: string,
): Pick<EditionRepo, "markRecovered"> {
  return {
    async markRecovered(id, at) {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.edition(id),
          UpdateExpression: "SET recoveredAt = :at",
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeValues: { ":at": at.toISOString() },
        }),
      );
    },
  };
}
