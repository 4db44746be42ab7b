import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { AudiencePage, AudienceRepo } from "../../flows/ports.js";
import { keys } from "./keys.js";

/** Walks one audience partition in key order with Query (never Scan), a page at a time. */
export function dynamoAudienceRepo(db: DynamoDBDocumentClient, table: string): AudienceRepo {
  const page = async (pk: string, after: string | undefined, limit: number): Promise<AudiencePage> => {
    const out = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": pk },
        ProjectionExpression: "sk, id, topics",
        ExclusiveStartKey: after ? { pk, sk: after } : undefined,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return {
      members: (out.Items ?? []).map((i) => ({
        // Topic partitions are keyed by the id itself; briefing partitions by combination + id.
        id: String(i.id ?? i.sk),
        key: String(i.sk),
        topics: (i.topics as string[]) ?? [],
      })),
      more: Boolean(out.LastEvaluatedKey),
    };
  };
  return {
    page: (partition, after, limit) => page(keys.audiencePartition(partition), after, limit),
    briefingPage: (shard, after, limit) => page(keys.briefingPartition(shard), after, limit),
  };
}
