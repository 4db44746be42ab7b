import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { Recipient, Subscriber } from "../../domain/subscriber.js";
import type { SubscriberRepo } from "../../flows/ports.js";
import { audienceItems } from "./audience-items.js";
import { coalescedGet } from "./coalesced-get.js";
import { writeIf } from "./conditional-write.js";
import { keys, PK, SK } from "./keys.js";
import { scanPages } from "./scan-pages.js";
import { subscriberFeedback } from "./subscriber-feedback.js";
import { subscriberLeave } from "./subscriber-leave.js";
import { retryingTransient, writeTransaction } from "./transaction.js";

/** The record's fields, from the schema: storage keys and the TTL attribute are left behind. */
const FIELDS = Object.keys(Subscriber.shape) as Array<keyof Subscriber>;
const RECIPIENT_FIELDS = Object.keys(Recipient.shape) as Array<keyof Recipient>;

function toSubscriber(item: Record<string, unknown>): Subscriber {
  return Object.fromEntries(
    FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]),
  ) as Subscriber;
}

/** The stored profile: the record, its keys, and the TTL that expires an unconfirmed subscription. */
function profileItem(s: Subscriber) {
  return { ...keys.subscriber(s.id), ...s, ...(s.expiresAt ? { ttl: s.expiresAt } : {}) };
}

/** Subscribers in DynamoDB; an active one also has audience items, written in the same transaction. */
export function dynamoSubscriberRepo(
  db: DynamoDBDocumentClient,
  table: string,
  shards: number,
): SubscriberRepo {
  return {
    ...subscriberFeedback(db, table),
    ...subscriberLeave(db, table, shards),
    async get(id) {
      const out = await db.send(
        new GetCommand({ TableName: table, Key: keys.subscriber(id), ConsistentRead: true }),
      );
      return out.Item ? toSubscriber(out.Item) : undefined;
    },
    async getMany(ids, freshness = "latest") {
      const items = await coalescedGet(db, table, ids.map(keys.subscriber), freshness);
      return new Map(items.map((item) => [String(item.id), toSubscriber(item)]));
    },
    async recipients(ids, freshness = "latest") {
      const items = await coalescedGet(db, table, ids.map(keys.subscriber), freshness, RECIPIENT_FIELDS);
      const recipient = (item: Record<string, unknown>) =>
        Object.fromEntries(RECIPIENT_FIELDS.map((f) => [f, item[f]])) as Recipient;
      return new Map(items.map((item) => [String(item.id), recipient(item)]));
    },
    async insert(s) {
      const profile = {
        TableName: table,
        Item: profileItem(s),
        ConditionExpression: "attribute_not_exists(pk)",
      };
      const audience = audienceItems(s, shards);
      // A pending sign-up has no audience entries: one conditional put, not a transaction.
      if (audience.length === 0) return writeIf(retryingTransient(() => db.send(new PutCommand(profile))));
      return writeIf(
        writeTransaction(db, {
          TransactItems: [{ Put: profile }, ...audience.map((Item) => ({ Put: { TableName: table, Item } }))],
        }),
      );
    },
    async save(next, previous) {
      const before = audienceItems(previous, shards);
      const after = audienceItems(next, shards);
      const key = (i: { pk: string; sk: string }) => `${i.pk}|${i.sk}`;
      const kept = new Set(after.map(key));
      return writeIf(
        writeTransaction(db, {
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: profileItem(next),
                // The status too: `leave` changes it with no condition on the version.
                ConditionExpression: "updatedAt = :seen AND #s = :was",
                ExpressionAttributeNames: { "#s": "status" },
                ExpressionAttributeValues: { ":seen": previous.updatedAt, ":was": previous.status },
              },
            },
            ...before
              .filter((i) => !kept.has(key(i)))
              .map(({ pk, sk }) => ({ Delete: { TableName: table, Key: { pk, sk } } })),
            ...after.map((Item) => ({ Put: { TableName: table, Item } })),
          ],
        }),
      );
    },
    async erase(previous) {
      return writeIf(
        writeTransaction(db, {
          TransactItems: [
            {
              Delete: {
                TableName: table,
                Key: keys.subscriber(previous.id),
                // The status too: `leave` changes it with no condition on the version.
                ConditionExpression: "updatedAt = :seen AND #s = :was",
                ExpressionAttributeNames: { "#s": "status" },
                ExpressionAttributeValues: { ":seen": previous.updatedAt, ":was": previous.status },
              },
            },
            ...audienceItems(previous, shards).map(({ pk, sk }) => ({
              Delete: { TableName: table, Key: { pk, sk } },
            })),
          ],
        }),
      );
    },
    async *all() {
      const pages = scanPages(db, {
        TableName: table,
        FilterExpression: "sk = :p AND begins_with(pk, :s)",
        ExpressionAttributeValues: { ":p": SK.profile, ":s": PK.subscriber },
      });
      for await (const items of pages) if (items.length) yield items.map(toSubscriber);
    },
  };
}
