import { gunzipSync, gzipSync } from "node:zlib";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { EditionStatus } from "../../domain/edition.js";
import type { RenderedEdition } from "../../domain/rendered.js";
import { SETTLED_STATUSES } from "../../domain/stall.js";
import type {
  EditionRecord,
  EditionRepo,
  EditionSummary,
  PlanCheckpoint,
  SendProgress,
} from "../../flows/ports.js";
import { batchGetAll } from "./batch-get.js";
import { coalescedGet } from "./coalesced-get.js";
import { writeIf } from "./conditional-write.js";
import { editionEditorial } from "./edition-editorial.js";
import {
  counterShardKeys,
  editionFeedback,
  listedFeedbackReader,
  type ShardSums,
  sumShards,
} from "./edition-feedback.js";
import { editionFence } from "./edition-fence.js";
import { editionRecovery } from "./edition-recovery.js";
import { listedPage, projectionOf, putListed } from "./indexed-items.js";
import { keys, SK } from "./keys.js";
import { sendShardKeys, sumSendShards, withSendSums } from "./send-counters.js";
import { shareCounter } from "./share-counter.js";
import { workMarkerDelete, workMarkerPut } from "./work-ledger.js";

const PROGRESS_FIELDS = [
  "id",
  "status",
  "counts",
  "createdAt",
  "updatedAt",
  "plan",
  "planDone",
  "chunksTotal",
  "chunksDone",
  "statusReason",
  "rateBaseline",
  "progressAt",
  "recoveredAt",
] as const;

const EDITORIAL_FIELDS = ["source", "review", "sendAt", "heldSince", "approvedAt", "supersededBy"] as const;

/**
 * The progress fields of an edition's or briefing's item, with the counter shards kept beside it
 * summed in: the send counters added to the item's own, the SES feedback counters laid over them.
 */
export function toProgress(item: Record<string, unknown>, shards?: ShardSums): SendProgress {
  const record = Object.fromEntries(PROGRESS_FIELDS.map((f) => [f, item[f]])) as unknown as SendProgress;
  record.counts = { ...record.counts, cancelled: record.counts?.cancelled ?? 0 };
  const sent = withSendSums(record, shards?.sends);
  return shards?.feedback ? { ...sent, counts: { ...sent.counts, ...shards.feedback } } : sent;
}

/** What the editions list reads of each item: not the article's body, often the bulk of the item. */
const LISTED = projectionOf([
  ...PROGRESS_FIELDS,
  ...EDITORIAL_FIELDS,
  "article.id",
  "article.version",
  "article.title",
]);

const toRecord = (item: Record<string, unknown>, shards?: ShardSums): EditionRecord => ({
  ...toProgress(item, shards),
  ...Object.fromEntries(EDITORIAL_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])),
  article: item.article as EditionRecord["article"],
});

/** Reads one fan-out item (edition or briefing) with its counter shards, in one BatchGet. */
export async function getWithFeedback(db: DynamoDBDocumentClient, table: string, id: string) {
  const items = await coalescedGet(db, table, [keys.edition(id), ...counterShardKeys(id)]);
  const item = items.find((i) => i.sk === SK.edition);
  return item ? { item, feedback: sumShards(items).get(id) } : undefined;
}

/** What finishing a fan-out needs to know, with its chunks done summed over the send shards. */
const FINISH = projectionOf(["pk", "sk", "status", "planDone", "chunksTotal", "chunksDone"]);

/** Editions in DynamoDB: one item each, plus the compressed render beside it. */
export function dynamoEditionRepo(db: DynamoDBDocumentClient, table: string): EditionRepo {
  const get = async (id: string) => {
    const found = await getWithFeedback(db, table, id);
    return found?.item.article ? toRecord(found.item, found.feedback) : undefined;
  };
  const listedFeedback = listedFeedbackReader(db, table);
  return {
    get,
    // The send worker reads this per chunk: one BatchGet, the edition and its feedback shards.
    async progress(id) {
      const found = await getWithFeedback(db, table, id);
      return found ? toProgress(found.item, found.feedback) : undefined;
    },
    async *createdBetween(from, until) {
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.send(
          new QueryCommand({
            TableName: table,
            IndexName: "gsi1",
            // The index key is `<createdAt>#<id>`: "~" sorts after "#", so `from` itself is excluded.
            KeyConditionExpression: "gsi1pk = :p AND gsi1sk BETWEEN :from AND :until",
            ExpressionAttributeValues: {
              ":p": keys.editionsIndex,
              ":from": `${from}~`,
              ":until": `${until}~`,
            },
            ExclusiveStartKey: start,
          }),
        );
        if (out.Items?.length) yield out.Items.map((i) => toRecord(i));
        start = out.LastEvaluatedKey;
      } while (start);
    },
    ...editionFeedback(db, table),
    ...editionFence(db, table),
    ...shareCounter(db, table),
    ...editionRecovery(db, table),
    ...editionEditorial(db, table),
    async create(edition) {
      // The unfinished-work marker first: an edition never exists without one until it is settled.
      if (!SETTLED_STATUSES.includes(edition.status)) {
        await db.send(workMarkerPut(table, "fanout", edition.id, new Date(edition.createdAt)));
      }
      if (await putListed(db, table, { ...keys.edition(edition.id), ...edition }, keys.editionsIndex)) {
        return { created: true, edition };
      }
      const existing = await get(edition.id);
      if (!existing) throw new Error(`edition ${edition.id} exists but cannot be read`);
      if (SETTLED_STATUSES.includes(existing.status)) {
        await db.send(workMarkerDelete(table, "fanout", edition.id));
      }
      return { created: false, edition: existing };
    },
    async list(limit, cursor) {
      const page = await listedPage(db, table, keys.editionsIndex, limit, cursor, LISTED);
      const feedback = await listedFeedback(page.items.map((i) => String(i.id)));
      return {
        editions: page.items.map((i): EditionSummary => toRecord(i, feedback.get(String(i.id)))),
        cursor: page.cursor,
      };
    },
    async transition(id, from: EditionStatus[], to, reason) {
      const values = Object.fromEntries(from.map((s, i) => [`:f${i}`, s]));
      const moved = await writeIf(
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.edition(id),
            UpdateExpression: reason
              ? "SET #s = :to, updatedAt = :now, statusReason = :why"
              : "SET #s = :to, updatedAt = :now REMOVE statusReason",
            ConditionExpression: `#s IN (${Object.keys(values).join(",")})`,
            ExpressionAttributeNames: { "#s": "status" },
            ExpressionAttributeValues: {
              ...values,
              ":to": to,
              ":now": new Date().toISOString(),
              ...(reason ? { ":why": reason } : {}),
            },
          }),
        ),
      );
      if (moved && SETTLED_STATUSES.includes(to)) await db.send(workMarkerDelete(table, "fanout", id));
      return moved;
    },
    async checkpoint(id, partition, previous: PlanCheckpoint | undefined, next, added) {
      return writeIf(
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.edition(id),
            UpdateExpression:
              "SET #plan.#p = :next, counts.planned = counts.planned + :r, chunksTotal = chunksTotal + :c, progressAt = :now",
            ConditionExpression: previous ? "#plan.#p.#n = :prevNext" : "attribute_not_exists(#plan.#p)",
            ExpressionAttributeNames: {
              "#plan": "plan",
              "#p": partition,
              ...(previous ? { "#n": "next" } : {}),
            },
            ExpressionAttributeValues: {
              ":next": next,
              ":r": added.recipients,
              ":c": added.chunks,
              ":now": new Date().toISOString(),
              ...(previous ? { ":prevNext": previous.next } : {}),
            },
          }),
        ),
      );
    },
    async finishPlan(id) {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.edition(id),
          UpdateExpression: "SET planDone = :t",
          ExpressionAttributeValues: { ":t": true },
        }),
      );
    },
    async completeIfFinished(id) {
      // Read first, written only when finished: a conditional write per chunk would make the item
      // the hot key the send-counter shards exist to avoid. The reads are strongly consistent, so
      // the last chunk to record sees every chunk's record, its own included.
      const items = await batchGetAll(db, table, [keys.edition(id), ...sendShardKeys(id)], FINISH);
      const item = items.find((i) => i.sk === SK.edition);
      const done = Number(item?.chunksDone ?? 0) + (sumSendShards(items).get(id)?.chunksDone ?? 0);
      if (item?.status !== "sending" || item.planDone !== true || done < Number(item.chunksTotal)) {
        return false;
      }
      const completed = await writeIf(
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.edition(id),
            UpdateExpression: "SET #s = :sent, updatedAt = :now",
            // Planning done fixes chunksTotal; the condition keeps it to what was read.
            ConditionExpression: "#s = :sending AND planDone = :t AND chunksTotal <= :done",
            ExpressionAttributeNames: { "#s": "status" },
            ExpressionAttributeValues: {
              ":sent": "sent",
              ":sending": "sending",
              ":t": true,
              ":done": done,
              ":now": new Date().toISOString(),
            },
          }),
        ),
      );
      // Finished: out of the unfinished work (a marker left by a crash here, recovery removes).
      if (completed) await db.send(workMarkerDelete(table, "fanout", id));
      return completed;
    },
    async shares(id) {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.shares(id) }));
      const { pk: _pk, sk: _sk, ...counts } = out.Item ?? {};
      return counts as Record<string, number>;
    },
    async saveRender(id, rendered) {
      await db.send(
        new PutCommand({
          TableName: table,
          Item: { ...keys.render(id), body: gzipSync(JSON.stringify(rendered)) },
        }),
      );
    },
    async getRender(id) {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.render(id) }));
      const body = out.Item?.body as Uint8Array | undefined;
      return body ? (JSON.parse(gunzipSync(body).toString("utf8")) as RenderedEdition) : undefined;
    },
  };
}
