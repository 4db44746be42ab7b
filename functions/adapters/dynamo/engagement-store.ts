import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DeleteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { CounterDeltas, EngagementStore } from "../../flows/ports.js";
import { counterUpdate, queryItems } from "./counter-items.js";
import { COUNTER_SK, ENGAGEMENT_SHARDS, statsPk } from "./engagement-keys.js";
import { PK } from "./keys.js";
import { TRANSACTION_ITEMS, writeTransaction } from "./transaction.js";

/**
 * Items: `ESTAT#<target>#<shard>` / `T#<bucket>`, `TOTAL#MSG`, `TOTAL#LINK#<key>` an email's counters
 * in the main table (`engagement-keys.ts`); marks (`ENG#<recipient>` / `<target>`,
 * `engagement-marks.ts`) in their own table, only deleted here, on erasure.
 */

/**
 * The engagement store: counter moves in `table`, and erasure of a recipient's marks in `marksTable`
 * (the stats function reads the counters, `stats-reader.ts`; the recorder the marks).
 *
 * @example
 * const store = dynamoEngagementStore(db, "herald", "herald-marks");
 */
export function dynamoEngagementStore(
  db: DynamoDBDocumentClient,
  table: string,
  marksTable: string,
): EngagementStore {
  return {
    async add(target, deltas: CounterDeltas) {
      const shard = Math.floor(Math.random() * ENGAGEMENT_SHARDS);
      const pk = statsPk(target, shard);
      const updates = [
        counterUpdate(table, { pk, sk: COUNTER_SK.message }, deltas.message),
        ...Object.entries(deltas.links).map(([key, { url, by }]) =>
          counterUpdate(table, { pk, sk: COUNTER_SK.link(key) }, by, url),
        ),
        ...Object.entries(deltas.timeline).map(([bucket, by]) =>
          counterUpdate(table, { pk, sk: COUNTER_SK.bucket(bucket) }, by),
        ),
      ].filter((u) => u !== undefined);
      if (updates.length === 1)
        await db.send(new UpdateCommand(updates[0] as NonNullable<(typeof updates)[0]>));
      // A batch's counters in one request, not one per item: a recorder's batch moves a dozen of them.
      for (let i = 0; updates.length > 1 && i < updates.length; i += TRANSACTION_ITEMS)
        await writeTransaction(db, {
          TransactItems: updates.slice(i, i + TRANSACTION_ITEMS).map((Update) => ({ Update })),
        });
    },
    async forget(recipient) {
      // One DeleteItem each (a subscriber has a mark per email they engaged with in the last month,
      // a handful): the API function holds DeleteItem already, and no BatchWrite grant for this.
      // The main table too: marks lived there before they had a table of their own (2026-12-07), and
      // stay there until their TTL (31 days) on a stack that has not run scripts/upgrade-items.ts.
      for (const from of [marksTable, table]) {
        const marks = await queryItems(db, from, `${PK.engagementMark}${recipient}`);
        for (const m of marks)
          await db.send(new DeleteCommand({ TableName: from, Key: { pk: m.pk, sk: m.sk } }));
      }
    },
  };
}
