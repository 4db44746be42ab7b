import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { CredentialStore } from "../../flows/ports/social.js";
import { writeIf } from "./conditional-write.js";
import { keys } from "./keys.js";

/**
 * Tokens social adapters refresh themselves, and the attention flag of an account whose credentials
 * died. A token write is conditional on the version the adapter read: two workers refreshing at once
 * cannot both win, and the loser reads the winner's token instead of overwriting it.
 *
 * @example
 * const store = dynamoCredentialStore(db, table);
 * const saved = await store.put("x", "@news", { accessToken, refreshToken }, current?.version ?? 0);
 */
export function dynamoCredentialStore(db: DynamoDBDocumentClient, table: string): CredentialStore {
  return {
    async get(network, account) {
      const out = await db.send(
        new GetCommand({
          TableName: table,
          Key: keys.socialCredentials(network, account),
          ConsistentRead: true,
        }),
      );
      if (!out.Item) return undefined;
      return { values: out.Item.values as Record<string, string>, version: Number(out.Item.v) };
    },
    async put(network, account, values, previousVersion) {
      return writeIf(
        db.send(
          new PutCommand({
            TableName: table,
            Item: { ...keys.socialCredentials(network, account), values, v: previousVersion + 1 },
            ...(previousVersion === 0
              ? { ConditionExpression: "attribute_not_exists(pk)" }
              : { ConditionExpression: "v = :v", ExpressionAttributeValues: { ":v": previousVersion } }),
          }),
        ),
      );
    },
    async flagAttention(network, account, reason, at) {
      // A flag raised again keeps its first time: "since" is when the account stopped working.
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.socialAttention(network, account),
          UpdateExpression: "SET reason = :r, since = if_not_exists(since, :at)",
          ExpressionAttributeValues: { ":r": reason.slice(0, 500), ":at": at.toISOString() },
        }),
      );
    },
    async clearAttention(network, account) {
      await db.send(new DeleteCommand({ TableName: table, Key: keys.socialAttention(network, account) }));
    },
  };
}
