import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Subscriber } from "../../domain/subscriber.js";
import type { SubscriberRepo } from "../../flows/ports.js";
import { audienceItems } from "./audience-items.js";
import { conditionally, writeIf } from "./conditional-write.js";
import { keys } from "./keys.js";
import { retryingTransient, writeTransaction } from "./transaction.js";

type Item = { pk: string; sk: string };
const keyOf = (i: Item) => `${i.pk}|${i.sk}`;

/**
 * Leaving the list, as a write no concurrent change can make fail: the profile's status is set with
 * no condition on its version, only on its status (so a suppressed address stays suppressed). Every
 * other subscriber write conditions on the version *and* the status it read, so a preference save
 * racing with this one fails and re-reads, and finds the subscriber gone. The audience entries the
 * subscriber had just before (the update returns them) are deleted after.
 */
export function subscriberLeave(
  db: DynamoDBDocumentClient,
  table: string,
  shards: number,
): Pick<SubscriberRepo, "leave"> {
  return {
    async leave(id, at) {
      const left = await conditionally(
        retryingTransient(() =>
          db.send(
            new UpdateCommand({
              TableName: table,
              Key: keys.subscriber(id),
              UpdateExpression:
                "SET #s = :left, unsubscribedAt = :at, updatedAt = :at REMOVE expiresAt, #ttl",
              ConditionExpression: "#s IN (:active, :pending)",
              ExpressionAttributeNames: { "#s": "status", "#ttl": "ttl" },
              ExpressionAttributeValues: {
                ":left": "unsubscribed",
                ":at": at,
                ":active": "active",
                ":pending": "pending",
              },
              ReturnValues: "ALL_OLD",
            }),
          ),
        ),
      );
      // Absent, already unsubscribed, or suppressed: nothing to do.
      if (!left.written) return false;
      const before = left.output.Attributes as Subscriber;
      await dropAudience(audienceItems(before, shards), id, at);
      return true;
    },
  };

  /**
   * Deletes the entries the subscriber had, while the profile is still as this leave wrote it. If
   * the reader subscribed again in between, their save wrote the entries they now want: only the
   * others go.
   */
  async function dropAudience(had: Item[], id: string, at: string) {
    let version = at;
    let stale = had;
    for (let attempt = 0; attempt < 5 && stale.length > 0; attempt++) {
      const dropped = await writeIf(
        writeTransaction(db, {
          TransactItems: [
            {
              ConditionCheck: {
                TableName: table,
                Key: keys.subscriber(id),
                ConditionExpression: "updatedAt = :v",
                ExpressionAttributeValues: { ":v": version },
              },
            },
            ...stale.map(({ pk, sk }) => ({ Delete: { TableName: table, Key: { pk, sk } } })),
          ],
        }),
      );
      if (dropped) return;
      const current = (
        await db.send(new GetCommand({ TableName: table, Key: keys.subscriber(id), ConsistentRead: true }))
      ).Item as Subscriber | undefined;
      if (!current) return;
      const wanted = new Set(audienceItems(current, shards).map(keyOf));
      stale = had.filter((i) => !wanted.has(keyOf(i)));
      version = current.updatedAt;
    }
  }
}
