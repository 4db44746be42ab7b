import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { BatchGetCommand, GetCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Counts } from "../../domain/edition.js";
import type { EditionRepo } from "../../flows/ports.js";
import { cancelledItems, feedbackMarkPut, isConditionFailure, keys } from "./keys.js";

const FEEDBACK_COUNTERS = ["bounced", "complained", "delivered", "opened", "clicked", "failed"] as const;
type FeedbackCounts = Partial<Pick<Counts, (typeof FEEDBACK_COUNTERS)[number]>>;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * SES feedback counters of editions, read beside the edition item (`ED#<id>` / `FEEDBACK`). They live
 * apart from the edition item on purpose: an SES event arrives for nearly every recipient, and were
 * they transactions on the edition item they would collide with the send worker's, whose every
 * collision costs a chunk its bookkeeping.
 */
export async function feedbackCounts(db: DynamoDBDocumentClient, table: string, ids: string[]) {
  const found = new Map<string, FeedbackCounts>();
  for (let i = 0; i < ids.length; i += 100) {
    const Keys = ids.slice(i, i + 100).map(keys.editionFeedback);
    let request: Record<string, { Keys: typeof Keys; ConsistentRead: boolean }> | undefined = {
      [table]: { Keys, ConsistentRead: true },
    };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      if (attempt > 0) await pause(Math.min(1000, 25 * 2 ** attempt));
      const out = await db.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of out.Responses?.[table] ?? []) {
        const counts = Object.fromEntries(FEEDBACK_COUNTERS.map((c) => [c, Number(item[c] ?? 0)]));
        found.set(String(item.pk).slice("ED#".length), counts);
      }
      request = out.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

/** The edition's side of SES feedback: counters moved once per event, and resuming after a pause. */
export function editionFeedback(
  db: DynamoDBDocumentClient,
  table: string,
): Pick<EditionRepo, "countFeedback" | "resume"> {
  // Editions are never deleted: once seen, an id needs no second look.
  const known = new Set<string>();
  const exists = async (id: string) => {
    if (known.has(id)) return true;
    const out = await db.send(
      new GetCommand({ TableName: table, Key: keys.edition(id), ProjectionExpression: "pk" }),
    );
    if (out.Item && known.size < 10_000) known.add(id);
    return Boolean(out.Item);
  };
  return {
    async countFeedback(id, counter, mark) {
      if (!(await exists(id))) return "no-edition";
      for (let attempt = 0; ; attempt++) {
        try {
          await db.send(
            new TransactWriteCommand({
              TransactItems: [
                { Put: feedbackMarkPut(table, mark, new Date()) },
                {
                  Update: {
                    TableName: table,
                    Key: keys.editionFeedback(id),
                    UpdateExpression: "ADD #c :one",
                    ExpressionAttributeNames: { "#c": counter },
                    ExpressionAttributeValues: { ":one": 1 },
                  },
                },
              ],
            }),
          );
          return "counted";
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          if (cancelledItems(error)[0]) return "duplicate";
          // Another event of the same edition held the counter: try again shortly, then give up
          // (the caller's retry, SNS's on AWS, comes back with the same mark).
          if (attempt >= 5) throw error;
          await pause(10 * 2 ** attempt * (0.5 + Math.random()));
        }
      }
    },
    async resume(id, baseline) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.edition(id),
            UpdateExpression: "SET #s = :sending, updatedAt = :now, rateBaseline = :b REMOVE statusReason",
            ConditionExpression: "#s = :paused",
            ExpressionAttributeNames: { "#s": "status" },
            ExpressionAttributeValues: {
              ":sending": "sending",
              ":paused": "paused",
              ":b": baseline,
              ":now": new Date().toISOString(),
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
