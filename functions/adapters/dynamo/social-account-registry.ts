import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SocialAccountRef, SocialAccountRegistry } from "../../flows/ports.js";
import { batchGetAll } from "./batch-get.js";
import { keys } from "./keys.js";

/**
 * The configured accounts in one item (a handful; the social worker rewrites it whenever it fans an
 * edition out), each shown with the attention flag its credential store keeps beside its tokens.
 * Reading it never touches the tokens themselves.
 */
export function dynamoSocialAccountRegistry(
  db: DynamoDBDocumentClient,
  table: string,
): SocialAccountRegistry {
  return {
    async register(accounts, at) {
      const list = accounts.map(({ network, account }) => ({ network, account }));
      await db.send(
        new PutCommand({
          TableName: table,
          Item: { ...keys.socialRegistry, accounts: list, updatedAt: at.toISOString() },
        }),
      );
    },
    async list() {
      const out = await db.send(
        new GetCommand({ TableName: table, Key: keys.socialRegistry, ConsistentRead: true }),
      );
      const accounts = (out.Item?.accounts ?? []) as SocialAccountRef[];
      const flags = await batchGetAll(
        db,
        table,
        accounts.map((a) => keys.socialAttention(a.network, a.account)),
      );
      return accounts.map((a) => {
        const flag = flags.find((f) => f.pk === keys.socialAttention(a.network, a.account).pk);
        return flag
          ? { ...a, status: "needs_attention", reason: String(flag.reason), since: String(flag.since) }
          : { ...a, status: "ok" };
      });
    },
  };
}
