import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { EngagementMark } from "../../domain/tracking/engagement-mark.js";
import type { EngagementMarks, MarkWrite, MarkWriteOutcome } from "../../flows/ports.js";
import { batchGetAll } from "./batch-get.js";
import { conditionally } from "./conditional-write.js";
import { PK } from "./keys.js";
import { TRANSACTION_ITEMS, writeTransaction } from "./transaction.js";

/** `ENG#<recipient>` / `<target>`: a recipient's mark (TTL), so erasure finds them with one Query. */
const markKey = (recipient: string, target: string) => ({
  pk: `${PK.engagementMark}${recipient}`,
  sk: target,
});

/** A mark's conditional Put: only over the version it was read at (none: it must not exist). */
const markPut = (table: string, w: MarkWrite) => ({
  TableName: table,
  Item: {
    ...markKey(w.recipient, w.target),
    mark: JSON.stringify(w.mark),
    version: w.version + 1,
    ttl: w.expiresAt,
  },
  ...(w.version === 0
    ? { ConditionExpression: "attribute_not_exists(pk)" }
    : { ConditionExpression: "version = :v", ExpressionAttributeValues: { ":v": w.version } }),
});

/**
 * Recipients' marks in their own table (`MARKS_TABLE_SCHEMA`), for the recorder alone (the other
 * functions never load this): a batch's marks read with BatchGetItem and written back 100 to a
 * transaction.
 *
 * @example
 * const refused = await dynamoEngagementMarks(db, "herald-marks").putMarks(writes);
 */
export function dynamoEngagementMarks(db: DynamoDBDocumentClient, table: string): EngagementMarks {
  return {
    async getMarks(refs) {
      const items = await batchGetAll(
        db,
        table,
        refs.map((r) => markKey(r.recipient, r.target)),
      );
      const byKey = new Map(items.map((item) => [`${item.pk} ${item.sk}`, item]));
      return refs.map((r) => {
        const key = markKey(r.recipient, r.target);
        const item = byKey.get(`${key.pk} ${key.sk}`);
        // Only this adapter writes marks, always whole: the stored JSON is a mark.
        return item
          ? { mark: JSON.parse(String(item.mark)) as EngagementMark, version: Number(item.version) }
          : undefined;
      });
    },
    async putMarks(writes) {
      const outcome: MarkWriteOutcome = { refused: new Set() };
      for (let from = 0; from < writes.length; from += TRANSACTION_ITEMS) {
        // A transaction writes all or nothing: those whose condition held go again without the rest.
        let left = writes.map((_, i) => i).slice(from, from + TRANSACTION_ITEMS);
        try {
          while (left.length > 0) {
            const out = await conditionally(
              writeTransaction(db, {
                TransactItems: left.map((i) => ({ Put: markPut(table, writes[i] as MarkWrite) })),
              }),
            );
            if (out.written) break;
            for (const [at, i] of left.entries()) if (out.refused[at]) outcome.refused.add(i);
            left = left.filter((i) => !outcome.refused.has(i));
          }
        } catch (error) {
          // The other transactions go on: what they write must still be counted.
          outcome.failed ??= { indexes: new Set(), error };
          for (const i of left) outcome.failed.indexes.add(i);
        }
      }
      return outcome;
    },
  };
}
