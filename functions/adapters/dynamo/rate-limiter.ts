import { createHash } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { RateLimiter } from "../../flows/ports.js";

/**
 * A fixed-window rate limiter in DynamoDB: one counter item per client and window, expired by TTL.
 * It works across Lambda containers, which an in-memory limiter would not. The client key (an IP)
 * is hashed, so the table holds no address of anyone.
 */
export function dynamoRateLimiter(db: DynamoDBDocumentClient, table: string, now: () => Date): RateLimiter {
  return {
    async hit(scope, client, limit, windowSeconds) {
      const nowSeconds = Math.floor(now().getTime() / 1000);
      const windowStart = nowSeconds - (nowSeconds % windowSeconds);
      const clientHash = createHash("sha256").update(client).digest("base64url").slice(0, 22);
      const out = await db.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: `RL#${scope}#${clientHash}`, sk: String(windowStart) },
          UpdateExpression: "ADD hits :one SET #ttl = :ttl",
          ExpressionAttributeNames: { "#ttl": "ttl" },
          ExpressionAttributeValues: { ":one": 1, ":ttl": windowStart + windowSeconds + 60 },
          ReturnValues: "UPDATED_NEW",
        }),
      );
      const hits = Number(out.Attributes?.hits ?? 1);
      return hits <= limit
        ? { ok: true }
        : { ok: false, retryAfter: windowStart + windowSeconds - nowSeconds };
    },
  };
}
