import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DeleteCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { SignUp } from "../../domain/sign-up.js";
import type { WorkEntry, WorkKind, WorkLedger } from "../../flows/ports.js";
import { keys } from "./keys.js";

/** The marker put: what the repositories write beside the item whose work starts. */
export function workMarkerPut(table: string, kind: WorkKind, id: string, at: Date, signUp?: SignUp) {
  return new PutCommand({
    TableName: table,
    Item: { ...keys.work(kind, id), kind, id, since: at.toISOString(), ...(signUp ? { signUp } : {}) },
  });
}

export function workMarkerDelete(table: string, kind: WorkKind, id: string) {
  return new DeleteCommand({ TableName: table, Key: keys.work(kind, id) });
}

/**
 * Unfinished work as marker items in one partition (`WORK` / `<kind>#<id>`), deleted when the work
 * finishes: the recovery pass Queries only them, so its cost follows what is unfinished (a handful)
 * and not what was ever sent. One partition is plenty: markers change a few times per edition and
 * once or twice per sign-up.
 */
export function dynamoWorkLedger(db: DynamoDBDocumentClient, table: string): WorkLedger {
  return {
    async open(kind, id, at, signUp) {
      await db.send(workMarkerPut(table, kind, id, at, signUp));
    },
    async close(kind, id) {
      await db.send(workMarkerDelete(table, kind, id));
    },
    async *list() {
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: "pk = :pk",
            ExpressionAttributeValues: { ":pk": keys.workPartition },
            ExclusiveStartKey: start,
            ConsistentRead: true,
          }),
        );
        const entries = (out.Items ?? []).map(
          (i): WorkEntry => ({
            kind: i.kind as WorkKind,
            id: String(i.id),
            since: String(i.since),
            // Checked on the way out as a queued job is: an unreadable one is left for recovery to close.
            ...(i.signUp ? { signUp: SignUp.safeParse(i.signUp).data } : {}),
          }),
        );
        if (entries.length) yield entries;
        start = out.LastEvaluatedKey;
      } while (start);
    },
  };
}
