import { gunzipSync, gzipSync } from "node:zlib";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { BriefingRecord, BriefingRepo } from "../../flows/ports.js";
import type { RenderedEdition } from "../../render/rendered.js";
import { feedbackCounts } from "./edition-feedback.js";
import { getWithFeedback, toProgress } from "./edition-repo.js";
import { isConditionFailure, keys } from "./keys.js";

const toBriefing = (item: Record<string, unknown>, feedback?: Parameters<typeof toProgress>[1]) =>
  ({
    ...toProgress(item, feedback),
    day: item.day,
    window: item.window,
    items: item.items,
  }) as BriefingRecord;

/**
 * Briefings in the same item shape as editions (`ED#<br_…>` / `EDITION`): the planner, the chunk
 * records, SES feedback and auto-pause move their counters exactly as they move an edition's. Only
 * the index (gsi1 `BRIEFINGS`) and the renders, one per topic combination, are their own.
 */
export function dynamoBriefingRepo(db: DynamoDBDocumentClient, table: string): BriefingRepo {
  const get = async (id: string) => {
    const found = await getWithFeedback(db, table, id);
    return found?.item.window ? toBriefing(found.item, found.feedback) : undefined;
  };
  return {
    get,
    async create(briefing) {
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...keys.edition(briefing.id),
              ...briefing,
              gsi1pk: keys.briefingsIndex,
              gsi1sk: `${briefing.createdAt}#${briefing.id}`,
            },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        );
        return { created: true, briefing };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const existing = await get(briefing.id);
        if (!existing) throw error;
        return { created: false, briefing: existing };
      }
    },
    async list(limit, cursor) {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :p",
          ExpressionAttributeValues: { ":p": keys.briefingsIndex },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: cursor ? JSON.parse(Buffer.from(cursor, "base64url").toString()) : undefined,
        }),
      );
      const items = out.Items ?? [];
      const feedback = await feedbackCounts(
        db,
        table,
        items.map((i) => String(i.id)),
      );
      return {
        briefings: items.map((i) => toBriefing(i, feedback.get(String(i.id)))),
        cursor: out.LastEvaluatedKey
          ? Buffer.from(JSON.stringify(out.LastEvaluatedKey)).toString("base64url")
          : undefined,
      };
    },
    async saveRender(id, combo, rendered) {
      await db.send(
        new PutCommand({
          TableName: table,
          Item: { ...keys.briefingRender(id, combo), body: gzipSync(JSON.stringify(rendered)) },
        }),
      );
    },
    async getRender(id, combo) {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.briefingRender(id, combo) }));
      const body = out.Item?.body as Uint8Array | undefined;
      return body ? (JSON.parse(gunzipSync(body).toString("utf8")) as RenderedEdition) : undefined;
    },
    async renders(id) {
      let count = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: "pk = :pk AND begins_with(sk, :r)",
            ExpressionAttributeValues: { ":pk": keys.edition(id).pk, ":r": "RENDER#" },
            Select: "COUNT",
            ExclusiveStartKey: start,
          }),
        );
        count += out.Count ?? 0;
        start = out.LastEvaluatedKey;
      } while (start);
      return count;
    },
  };
}
