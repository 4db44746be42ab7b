import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { AudienceRepo } from "../../flows/ports.js";
import { keys } from "./keys.js";

/** Walks one audience partition in key order with Query (never Scan), a page at a time. */
export function dynamoAudienceRepo(db: DynamoDBDocumentClient, table: string): AudienceRepo {
  return {
    async page(partition, after, limit) {
      const pk = keys.audiencePartition(partition);
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": pk },
          ProjectionExpression: "sk, topics",
          ExclusiveStartKey: after ? { pk, sk: after } : undefined,
          Limit: limit,
          ConsistentRead: true,
        }),
      );
      return {
        members: (out.Items ?? []).map((i) => ({ id: String(i.sk), topics: (i.topics as string[]) ?? [] })),
        more: Boolean(out.LastEvaluatedKey),
      };
    },
  };
}
