import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { EngagementMark } from "../../domain/tracking/engagement-mark.js";
import type { CounterDeltas, EngagementStore } from "../../flows/ports.js";
import { writeIf } from "./conditional-write.js";
import { addToItem, queryItems } from "./counter-items.js";
import { ENGAGEMENT_SHARDS, statsPk } from "./engagement-keys.js";
import { PK } from "./keys.js";

/**
 * Items: `ENG#<recipient>` / `<target>` a recipient's mark (TTL), so erasure finds them with one
 * Query; `ESTAT#<target>#<shard>` / `MSG`, `LINK#<key>`, `T#<bucket>` the email's counters.
 */
const markKey = (recipient: string, target: string) => ({
  pk: `${PK.engagementMark}${recipient}`,
  sk: target,
});

/**
 * The engagement store over the single table: marks and counter moves (the stats function reads the
 * counters, `stats-reader.ts`).
 *
 * @example
 * const store = dynamoEngagementStore(db, "herald");
 */
export function dynamoEngagementStore(db: DynamoDBDocumentClient, table: string): EngagementStore {
  return {
    async getMark(recipient, target) {
      const out = await db.send(
        new GetCommand({ TableName: table, Key: markKey(recipient, target), ConsistentRead: true }),
      );
      if (!out.Item) return undefined;
      return {
        // Only this adapter writes marks, always whole: the stored JSON is a mark.
        mark: JSON.parse(String(out.Item.mark)) as EngagementMark,
        version: Number(out.Item.version),
      };
    },
    putMark(recipient, target, mark, version, expiresAt) {
      return writeIf(
        db.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...markKey(recipient, target),
              mark: JSON.stringify(mark),
              version: version + 1,
              ttl: expiresAt,
            },
            ...(version === 0
              ? { ConditionExpression: "attribute_not_exists(pk)" }
              : { ConditionExpression: "version = :v", ExpressionAttributeValues: { ":v": version } }),
          }),
        ),
      );
    },
    async add(target, deltas: CounterDeltas) {
      const shard = Math.floor(Math.random() * ENGAGEMENT_SHARDS);
      const pk = statsPk(target, shard);
      await Promise.all([
        addToItem(db, table, { pk, sk: "MSG" }, deltas.message),
        ...Object.entries(deltas.links).map(([key, { url, by }]) =>
          addToItem(db, table, { pk, sk: `LINK#${key}` }, by, url),
        ),
        ...Object.entries(deltas.timeline).map(([bucket, by]) =>
          addToItem(db, table, { pk, sk: `T#${bucket}` }, by),
        ),
      ]);
    },
    async forget(recipient) {
      // One DeleteItem each (a subscriber has a mark per email they engaged with in the last month,
      // a handful): the API function holds DeleteItem already, and no BatchWrite grant for this.
      const marks = await queryItems(db, table, `${PK.engagementMark}${recipient}`);
      for (const m of marks)
        await db.send(new DeleteCommand({ TableName: table, Key: { pk: m.pk, sk: m.sk } }));
    },
  };
}
