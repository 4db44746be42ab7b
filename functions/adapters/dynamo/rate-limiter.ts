import { createHash } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { RateLimiter } from "../../flows/ports.js";
import { writeIf } from "./conditional-write.js";
import { keys } from "./keys.js";

/** Keys are hashed: the table holds no IP and no email address of anyone. */
const hashOf = (client: string) => createHash("sha256").update(client).digest("base64url").slice(0, 22);

/**
 * A fixed-window rate limiter in DynamoDB: one counter item per client and window, expired by TTL.
 * It works across Lambda containers, which an in-memory limiter would not. A claim is one item per
 * client holding the time of its last success, moved forward only by a conditional write.
 */
export function dynamoRateLimiter(db: DynamoDBDocumentClient, table: string, now: () => Date): RateLimiter {
  return {
    async hit(scope, client, limit, windowSeconds, cost = 1) {
      const nowSeconds = Math.floor(now().getTime() / 1000);
      const windowStart = nowSeconds - (nowSeconds % windowSeconds);
      const clientHash = hashOf(client);
      const out = await db.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.rateLimit(scope, clientHash, windowStart),
          UpdateExpression: "ADD hits :cost SET #ttl = :ttl",
          ExpressionAttributeNames: { "#ttl": "ttl" },
          ExpressionAttributeValues: { ":cost": cost, ":ttl": windowStart + windowSeconds + 60 },
          ReturnValues: "UPDATED_NEW",
        }),
      );
      const hits = Number(out.Attributes?.hits ?? 1);
      return hits <= limit
        ? { ok: true }
        : { ok: false, retryAfter: windowStart + windowSeconds - nowSeconds };
    },
    async claim(scope, client, intervalSeconds) {
      const nowSeconds = Math.floor(now().getTime() / 1000);
      return writeIf(
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.rateLimitClaim(scope, hashOf(client)),
            UpdateExpression: "SET claimedAt = :now, #ttl = :ttl",
            ConditionExpression: "attribute_not_exists(claimedAt) OR claimedAt <= :before",
            ExpressionAttributeNames: { "#ttl": "ttl" },
            ExpressionAttributeValues: {
              ":now": nowSeconds,
              ":before": nowSeconds - intervalSeconds,
              ":ttl": nowSeconds + intervalSeconds + 60,
            },
          }),
        ),
      );
    },
  };
}
