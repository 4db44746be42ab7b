import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { BatchGetCommand, DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SuppressionRepo } from "../../flows/ports.js";
import { keys } from "./keys.js";

/** The suppression list in DynamoDB: one item per hashed address, nothing else about the person. */
export function dynamoSuppressionRepo(db: DynamoDBDocumentClient, table: string): SuppressionRepo {
  return {
    async suppressedAmong(ids) {
      const found = new Set<string>();
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += 100) {
        let request: Record<string, { Keys: Record<string, string>[]; ConsistentRead: boolean }> | undefined =
          {
            [table]: { Keys: unique.slice(i, i + 100).map(keys.suppression), ConsistentRead: true },
          };
        for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
          if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
          const out = await db.send(new BatchGetCommand({ RequestItems: request }));
          for (const item of out.Responses?.[table] ?? []) found.add(String(item.pk).slice("SUPP#".length));
          request = out.UnprocessedKeys as typeof request;
        }
      }
      return found;
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
