import { createHash } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Session, SessionStore } from "../../flows/ports.js";
import { keys } from "./keys.js";

/** The table keeps a hash of the cookie's value: reading the table does not give a usable session. */
const hashOf = (id: string) => createHash("sha256").update(id).digest("base64url");

/**
 * Console sessions in DynamoDB. TTL removes them some time after expiry (DynamoDB deletes late), so
 * `get` checks the expiry itself.
 */
export function dynamoSessionStore(db: DynamoDBDocumentClient, table: string): SessionStore {
  return {
    async put(id, s) {
      await db.send(new PutCommand({ TableName: table, Item: { ...keys.session(hashOf(id)), ...s, ttl: s.expiresAt } }));
    },
    async get(id, nowSeconds) {
      const out = await db.send(
        new GetCommand({ TableName: table, Key: keys.session(hashOf(id)), ConsistentRead: true }),
      );
      const item = out.Item;
      if (!item || Number(item.expiresAt) <= nowSeconds) return undefined;
      return {
        name: String(item.name),
        role: item.role,
        keyFingerprint: String(item.keyFingerprint),
        csrfToken: String(item.csrfToken),
        expiresAt: Number(item.expiresAt),
      };
    },
    async delete(id) {
      await db.send(new DeleteCommand({ TableName: table, Key: keys.session(hashOf(id)) }));
    },
  };
}
