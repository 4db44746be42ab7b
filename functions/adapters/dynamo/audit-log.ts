import { randomBytes } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { AuditEntry } from "../../domain/access/audit-entry.js";
import { HeraldError } from "../../domain/errors.js";
import type { AuditLog } from "../../flows/ports.js";
import { keys } from "./keys.js";

/** A cursor is the sort key of the last entry shown; nothing else is accepted. */
const SortKey = z.string().regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z#[0-9a-f]{16}$/);

const badCursor = () =>
  new HeraldError("invalid_request", "the cursor is not valid", [
    { path: "cursor", message: "not a cursor from this API" },
  ]);

/**
 * The audit log in one partition, sorted by time then a random suffix (two changes in the same
 * millisecond both stay). Entries are kept: there is no TTL on them.
 */
export function dynamoAuditLog(db: DynamoDBDocumentClient, table: string): AuditLog {
  return {
    async record(entry) {
      const sk = `${entry.at}#${randomBytes(8).toString("hex")}`;
      await db.send(
        new PutCommand({ TableName: table, Item: { pk: keys.auditPartition, sk, ...AuditEntry.parse(entry) } }),
      );
    },
    async list(limit, cursor) {
      let after: string | undefined;
      if (cursor) {
        const decoded = SortKey.safeParse(Buffer.from(cursor, "base64url").toString("utf8"));
        if (!decoded.success) throw badCursor();
        after = decoded.data;
      }
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": keys.auditPartition },
          ScanIndexForward: false,
          Limit: limit,
          ...(after ? { ExclusiveStartKey: { pk: keys.auditPartition, sk: after } } : {}),
        }),
      );
      const items = (out.Items ?? []).map((item) => AuditEntry.parse(item));
      const last = out.LastEvaluatedKey?.sk as string | undefined;
      return { items, ...(last ? { nextCursor: Buffer.from(last).toString("base64url") } : {}) };
    },
  };
}
