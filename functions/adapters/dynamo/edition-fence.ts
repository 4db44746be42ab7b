import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { EditionStatus } from "../../domain/edition.js";
import type { EditionRepo } from "../../flows/ports.js";
import { keys } from "./keys.js";

/**
 * The send worker's read under its claim: the fan-out item's status and auto-pause baseline,
 * strongly consistent, and nothing else. A chunk read the whole item and its sixteen counter shards
 * here before (17 items, 18 read units on AWS, the article unmarshalled each time), for counts it
 * only needs while the fan-out is young; those it now reads after its record, and only then.
 *
 * @example
 * const fence = await editionFence(db, "herald").fence("ed_…"); // { status: "sending", baselineSent: 0 }
 */
export function editionFence(db: DynamoDBDocumentClient, table: string): Pick<EditionRepo, "fence"> {
  return {
    async fence(id) {
      const out = await db.send(
        new GetCommand({
          TableName: table,
          Key: keys.edition(id),
          ConsistentRead: true,
          ProjectionExpression: "#s, rateBaseline.sent",
          ExpressionAttributeNames: { "#s": "status" },
        }),
      );
      if (!out.Item) return undefined;
      const baseline = out.Item.rateBaseline as { sent?: number } | undefined;
      return { status: out.Item.status as EditionStatus, baselineSent: Number(baseline?.sent ?? 0) };
    },
  };
}
