import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { SubscriberRepo } from "../../flows/ports.js";
import { conditionally } from "./conditional-write.js";
import { feedbackMarkPut, keys } from "./keys.js";
import { writeTransaction } from "./transaction.js";

/** `updatedAt` is the version every subscriber write conditions on: it must move forward. */
function later(now: string, previous: string): string {
  return now > previous ? now : new Date(Date.parse(previous) + 1).toISOString();
}

/**
 * The subscriber's side of SES feedback: one more soft bounce, once per SES event. The mark and the
 * count are one transaction, conditioned on the version read, like every other subscriber write.
 */
export function subscriberFeedback(
  db: DynamoDBDocumentClient,
  table: string,
): Pick<SubscriberRepo, "countSoftBounce"> {
  return {
    async countSoftBounce(previous, mark) {
      const now = new Date();
      const out = await conditionally(
        writeTransaction(db, {
          TransactItems: [
            { Put: feedbackMarkPut(table, mark, now) },
            {
              Update: {
                TableName: table,
                Key: keys.subscriber(previous.id),
                UpdateExpression: "SET softBounces = :n, updatedAt = :next",
                ConditionExpression: "updatedAt = :seen",
                ExpressionAttributeValues: {
                  ":n": (previous.softBounces ?? 0) + 1,
                  ":next": later(now.toISOString(), previous.updatedAt),
                  ":seen": previous.updatedAt,
                },
              },
            },
          ],
        }),
      );
      if (out.written) return "counted";
      return out.refused[0] ? "duplicate" : "changed";
    },
  };
}
