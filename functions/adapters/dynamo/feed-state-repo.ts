import { createHash } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { FeedState, FeedStateRepo } from "../../flows/ports.js";
import { batchGetAll } from "./batch-get.js";
import { keys } from "./keys.js";

// URLs and guids can be up to 2 KB of anything; keys stay short and fixed-width.
const hash = (value: string) => createHash("sha256").update(value).digest("base64url");

const STATE_FIELDS = [
  "url",
  "etag",
  "lastModified",
  "primed",
  "failures",
  "nextPollAt",
  "lastError",
  "lastPolledAt",
  "lastSuccessAt",
] as const;

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } };

/** BatchWriteItem 25 at a time (DynamoDB's cap), asking again for what it leaves unprocessed. */
async function batchPut(db: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]) {
  for (let i = 0; i < items.length; i += 25) {
    let pending: WriteRequest[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as WriteRequest[];
    }
  }
}

/**
 * Feed state in the single table: one item per feed (ETag, Last-Modified, backoff), one per guid a
 * feed has shown, and one per feed article holding the version it was first published with.
 * A feed shows a few dozen items; these items are few and small, so they are kept (no TTL): a guid
 * forgotten would be sent again if an old item came back into the feed.
 *
 * @example
 * const feeds = dynamoFeedStateRepo(db, config.tableName);
 * const seen = await feeds.seenAmong(feed.url, ["guid-1", "guid-2"]);
 */
export function dynamoFeedStateRepo(db: DynamoDBDocumentClient, table: string): FeedStateRepo {
  return {
    async get(url) {
      const out = await db.send(
        new GetCommand({ TableName: table, Key: keys.feedState(hash(url)), ConsistentRead: true }),
      );
      if (!out.Item) return undefined;
      return Object.fromEntries(
        STATE_FIELDS.filter((f) => out.Item?.[f] !== undefined).map((f) => [f, out.Item?.[f]]),
      ) as unknown as FeedState;
    },
    async save(state) {
      await db.send(
        new PutCommand({ TableName: table, Item: { ...keys.feedState(hash(state.url)), ...state } }),
      );
    },
    async seenAmong(url, guids) {
      const byKey = new Map(guids.map((g) => [hash(g), g]));
      const items = await batchGetAll(
        db,
        table,
        [...byKey.keys()].map((g) => keys.feedSeen(hash(url), g)),
      );
      return new Set(items.map((item) => byKey.get(keys.feedSeenFrom(item.sk)) as string));
    },
    async markSeen(url, guids) {
      const at = new Date().toISOString();
      const unique = [...new Set(guids)];
      await batchPut(
        db,
        table,
        unique.map((guid) => ({ ...keys.feedSeen(hash(url), hash(guid)), guid, at })),
      );
    },
    async pinVersion(articleId, version) {
      // One round trip whether or not it exists: the first writer's version stays.
      const out = await db.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.feedItemVersion(articleId),
          UpdateExpression: "SET #v = if_not_exists(#v, :v), pinnedAt = if_not_exists(pinnedAt, :now)",
          ExpressionAttributeNames: { "#v": "version" },
          ExpressionAttributeValues: { ":v": version, ":now": new Date().toISOString() },
          ReturnValues: "ALL_NEW",
        }),
      );
      return String(out.Attributes?.version ?? version);
    },
  };
}
