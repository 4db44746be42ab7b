import { createHash } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { CardStore } from "../../flows/ports.js";
import { batchGetAll } from "./batch-get.js";
import { writeIf } from "./conditional-write.js";
import { keys } from "./keys.js";

/**
 * A DynamoDB item holds 400 KB, keys and attribute names included; a card may be 1 MB. Parts of
 * 350 KB leave room for the rest of the item.
 */
export const CARD_PART_BYTES = 350 * 1024;

interface Manifest {
  parts: number;
  size: number;
  /** base64url SHA-256 of the PNG: the HTTP ETag, and how a reader knows the parts are whole. */
  etag: string;
}

/** The ETag of a card's bytes, as the store records it and the API sends it (unquoted). */
export const cardEtag = (png: Uint8Array) => createHash("sha256").update(png).digest("base64url");

/**
 * Cards in the single table: parts first, then the manifest naming them, so a reader finds either
 * no manifest (no card) or one whose parts are all written. Parts are keyed by the card's hash: a
 * second put never overwrites a part a reader may be reading.
 *
 * The first card stored for an edition stays (the manifest put is conditional): the API serves it
 * as `immutable`, so what is behind its URL must never change. A later put of other bytes (two
 * render jobs racing, each with its own fetch of the article image) removes its own parts again.
 *
 * @example
 * const cards = dynamoCardStore(db, "herald");
 * await cards.put("ed_4f1Xc0aQ2pLk9sT7vWy3zB", png);
 * (await cards.get("ed_4f1Xc0aQ2pLk9sT7vWy3zB"))?.length === png.length; // true
 */
export function dynamoCardStore(db: DynamoDBDocumentClient, table: string): CardStore {
  return {
    async put(editionId, png) {
      if (png.length === 0) throw new Error("an empty card cannot be stored");
      const etag = cardEtag(png);
      const parts: Array<{ n: number; body: Uint8Array }> = [];
      for (let offset = 0, n = 0; offset < png.length; offset += CARD_PART_BYTES, n++) {
        parts.push({ n, body: png.subarray(offset, offset + CARD_PART_BYTES) });
      }
      await Promise.all(
        parts.map(({ n, body }) =>
          db.send(new PutCommand({ TableName: table, Item: { ...keys.cardPart(editionId, etag, n), body } })),
        ),
      );
      const manifest: Manifest = { parts: parts.length, size: png.length, etag };
      const stored = await writeIf(
        db.send(
          new PutCommand({
            TableName: table,
            Item: { ...keys.card(editionId), ...manifest },
            ConditionExpression: "attribute_not_exists(pk) OR etag = :etag",
            ExpressionAttributeValues: { ":etag": etag },
          }),
        ),
      );
      if (!stored) {
        await Promise.all(
          parts.map(({ n }) =>
            db.send(new DeleteCommand({ TableName: table, Key: keys.cardPart(editionId, etag, n) })),
          ),
        );
      }
    },

    async get(editionId) {
      const out = await db.send(
        new GetCommand({ TableName: table, Key: keys.card(editionId), ConsistentRead: true }),
      );
      if (!out.Item) return undefined;
      const { parts, size, etag } = out.Item as unknown as Manifest;
      const partKeys = Array.from({ length: parts }, (_, n) => keys.cardPart(editionId, etag, n));
      const items = await batchGetAll(db, table, partKeys);
      const bySk = new Map(items.map((i) => [i.sk, i.body as Uint8Array]));
      const bodies = partKeys.map((k) => bySk.get(k.sk));
      if (bodies.some((b) => b === undefined)) throw new Error(`card of ${editionId} is missing parts`);
      const png = Buffer.concat(bodies as Uint8Array[]);
      if (png.length !== size || cardEtag(png) !== etag)
        throw new Error(`card of ${editionId} does not match its manifest`);
      return png;
    },
  };
}
