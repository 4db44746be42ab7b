import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SuppressionRepo } from "../../flows/ports.js";
import { coalescedGet } from "./coalesced-get.js";
import { keys } from "./keys.js";

/** The suppression list in DynamoDB: one item per hashed address, nothing else about the person. */
export function dynamoSuppressionRepo(db: DynamoDBDocumentClient, table: string): SuppressionRepo {
  return {
    async suppressedAmong(ids, freshness = "latest") {
      // Only the keys: whether an item is there is the answer.
      const items = await coalescedGet(db, table, [...new Set(ids)].map(keys.suppression), freshness, []);
      return new Set(items.map((item) => keys.suppressedIdFrom(item.pk)));
    },
    async add(id, reason, at) {
      await db.send(new PutCommand({ TableName: table, Item: { ...keys.suppression(id), reason, at } }));
    },
    async clear(id) {
      const out = await db.send(
        new DeleteCommand({ TableName: table, Key: keys.suppression(id), ReturnValues: "ALL_OLD" }),
      );
      return Boolean(out.Attributes);
    },
  };
}
