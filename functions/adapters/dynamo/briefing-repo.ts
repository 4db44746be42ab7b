import { gunzipSync, gzipSync } from "node:zlib";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { RenderedEdition } from "../../domain/rendered.js";
import type { BriefingRecord, BriefingRepo } from "../../flows/ports.js";
import { writeIf } from "./conditional-write.js";
import { listedFeedbackReader } from "./edition-feedback.js";
import { getWithFeedback, toProgress } from "./edition-repo.js";
import { listedPage, putListed } from "./indexed-items.js";
import { keys, SK } from "./keys.js";
import { workMarkerPut } from "./work-ledger.js";

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
  const listedFeedback = listedFeedbackReader(db, table);
  return {
    get,
    async create(briefing) {
      // A briefing with nothing to send is born `sent`; any other is unfinished work until it settles.
      if (briefing.status !== "sent") {
        await db.send(workMarkerPut(table, "fanout", briefing.id, new Date(briefing.createdAt)));
      }
      if (await putListed(db, table, { ...keys.edition(briefing.id), ...briefing }, keys.briefingsIndex)) {
        return { created: true, briefing };
      }
      const existing = await get(briefing.id);
      if (!existing) throw new Error(`briefing ${briefing.id} exists but cannot be read`);
      return { created: false, briefing: existing };
    },
    async replaceEmpty(briefing) {
      if (briefing.status !== "sent") {
        await db.send(workMarkerPut(table, "fanout", briefing.id, new Date(briefing.createdAt)));
      }
      return writeIf(
        db.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...keys.edition(briefing.id),
              ...briefing,
              gsi1pk: keys.briefingsIndex,
              gsi1sk: `${briefing.createdAt}#${briefing.id}`,
            },
            // Only over a briefing that found nothing: a filled one has chunks and counts of its own.
            ConditionExpression: "size(#items) = :none",
            ExpressionAttributeNames: { "#items": "items" },
            ExpressionAttributeValues: { ":none": 0 },
          }),
        ),
      );
    },
    async list(limit, cursor) {
      const page = await listedPage(db, table, keys.briefingsIndex, limit, cursor);
      const feedback = await listedFeedback(page.items.map((i) => String(i.id)));
      return {
        briefings: page.items.map((i) => toBriefing(i, feedback.get(String(i.id)))),
        cursor: page.cursor,
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
    async combos(id) {
      const combos: string[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        // The key alone: a render's compressed body stays on the table.
        const out = await db.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: "pk = :pk AND begins_with(sk, :r)",
            ExpressionAttributeValues: { ":pk": keys.edition(id).pk, ":r": SK.renderCombo },
            ProjectionExpression: "sk",
            ExclusiveStartKey: start,
          }),
        );
        for (const i of out.Items ?? []) combos.push(keys.renderComboFrom(i.sk));
        start = out.LastEvaluatedKey;
      } while (start);
      return combos;
    },
    async renders(id) {
      let count = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: "pk = :pk AND begins_with(sk, :r)",
            ExpressionAttributeValues: { ":pk": keys.edition(id).pk, ":r": SK.renderCombo },
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
