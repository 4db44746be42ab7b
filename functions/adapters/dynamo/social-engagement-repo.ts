import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { DueLookup } from "../../domain/social/engagement.js";
import type { SocialEngagementRepo } from "../../flows/ports/social-engagement.js";
import { writeIf } from "./conditional-write.js";
import { keys } from "./keys.js";

/** A look-up nobody made (the sweep was off for longer than it catches up) leaves the table after this. */
const DUE_KEPT_DAYS = 7;

/** Sorted by due time; the rest makes it one item per post and look-up (the account last: it may hold `#`). */
const dueId = (d: DueLookup) => `${d.dueAt}#${d.editionId}#${d.network}#${d.lookup}#${d.account}`;
const dueKey = (d: DueLookup) => keys.engagementDue(d.dueAt.slice(0, 13), dueId(d));

/** The post's attribute that holds one look-up's snapshot (`engagement_1h`, `engagement_1d`). */
export const snapshotAttribute = (lookup: DueLookup["lookup"]) => `engagement_${lookup}`;

const FIELDS = ["editionId", "network", "account", "postId", "url", "lookup", "dueAt", "tries"] as const;

/**
 * Look-ups in hour buckets (`ENGAGE#<YYYY-MM-DDTHH>` / `<dueAt>#…`, expiring a week after they were
 * due), and snapshots as attributes of the post's own item (`ED#<id>` / `SOCIAL#<network>#<account>`),
 * written by an update that names only that attribute and leaves the intent's version alone: the
 * post's status, link and error cannot be changed by it, and its writers do not race with it.
 */
export function dynamoSocialEngagementRepo(db: DynamoDBDocumentClient, table: string): SocialEngagementRepo {
  return {
    async schedule(lookups) {
      for (const due of lookups) {
        const ttl = Math.floor(Date.parse(due.dueAt) / 1000) + DUE_KEPT_DAYS * 86_400;
        await db.send(new PutCommand({ TableName: table, Item: { ...dueKey(due), ...due, ttl } }));
      }
    },
    async due(bucket, until, limit) {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          // `$` sorts right after `#`: every look-up due at `until` exactly is in.
          KeyConditionExpression: "pk = :pk AND sk < :until",
          ExpressionAttributeValues: {
            ":pk": keys.engagementDue(bucket, "").pk,
            ":until": `${until.toISOString()}$`,
          },
          Limit: limit,
        }),
      );
      return (out.Items ?? []).map(
        (item) => Object.fromEntries(FIELDS.map((f) => [f, item[f]])) as unknown as DueLookup,
      );
    },
    async record(due, snapshot) {
      return writeIf(
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.socialIntent(due.editionId, due.network, due.account),
            UpdateExpression: "SET #snapshot = :snapshot",
            // Counts stored once stay: a look-up made twice (a redelivery, two sweeps) stores one.
            ConditionExpression:
              "attribute_exists(pk) AND (attribute_not_exists(#snapshot) OR attribute_exists(#snapshot.#error))",
            ExpressionAttributeNames: { "#snapshot": snapshotAttribute(due.lookup), "#error": "error" },
            ExpressionAttributeValues: { ":snapshot": snapshot },
          }),
        ),
      );
    },
    async remove(due) {
      await db.send(new DeleteCommand({ TableName: table, Key: dueKey(due) }));
    },
  };
}
