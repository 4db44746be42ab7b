import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { dynamoDeliveryCounts } from "../../functions/adapters/dynamo/delivery-counts.js";
import { shardCounts } from "../../functions/adapters/dynamo/edition-feedback.js";
import type { DeliverySlot } from "../../functions/domain/delivery-slots.js";
import { ensureTable, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";

const EDITION = "ed_abcdefghijklmnopqrstuv";
const OTHER = "ed_0000000000000000000000";
const NOW = new Date("2026-12-06T12:00:00Z");
let db: DynamoDBDocumentClient;
let table: string;

beforeAll(async () => {
  const endpoint = inject("dynamoEndpoint");
  table = `deliveries-${randomUUID().slice(0, 8)}`;
  await ensureTable(new DynamoDBClient({ endpoint, region: "local", credentials: LOCAL_CREDENTIALS }), table);
  db = documentClient({ endpoint, region: "local", credentials: LOCAL_CREDENTIALS });
});

const slot = (editionId: string, chunk: string, position: number): DeliverySlot => ({
  editionId,
  chunk,
  position,
});
const delivered = async (id: string) =>
  (await shardCounts(db, table, [id])).get(id)?.feedback?.delivered ?? 0;

describe("deliveries counted per batch", () => {
  it("count a delivery named twice in one batch, and again in a later batch, once", async () => {
    const counts = dynamoDeliveryCounts(db, table);
    const batch = [
      slot(EDITION, "a-0", 0),
      slot(EDITION, "a-0", 0),
      slot(EDITION, "a-0", 1),
      slot(OTHER, "a-0", 0),
    ];
    expect(await counts.count(batch, NOW)).toEqual(
      new Map([
        [EDITION, 2],
        [OTHER, 1],
      ]),
    );
    expect(await counts.count([slot(EDITION, "a-0", 1), slot(EDITION, "a-1", 1)], NOW)).toEqual(
      new Map([[EDITION, 1]]),
    );
    expect(await counts.count(batch, NOW)).toEqual(new Map());
    expect(await delivered(EDITION)).toBe(3);
    expect(await delivered(OTHER)).toBe(1);
  });

  it("batches racing over the same chunks lose, read again, and count each delivery exactly once", async () => {
    const id = "ed_racexxxxxxxxxxxxxxxxxx";
    const slots = Array.from({ length: 200 }, (_, i) => slot(id, `c-${Math.floor(i / 50)}`, i % 50));
    // Five concurrent batches (separate clients, as separate Lambda instances), overlapping.
    const batches = Array.from({ length: 5 }, (_, b) => slots.filter((_, i) => (i + b) % 3 !== 0));
    const results = await Promise.all(
      batches.map((batch) => dynamoDeliveryCounts(db, table).count(batch, NOW)),
    );
    const total = results.reduce((sum, r) => sum + (r.get(id) ?? 0), 0);
    expect(total).toBe(200);
    expect(await delivered(id)).toBe(200);
  });

  it("a batch whose chunk another batch wrote between its read and its write reads it again", async () => {
    const id = "ed_lostxxxxxxxxxxxxxxxxxx";
    let raced = false;
    // The other batch lands just before this one's transaction, on the same chunk: a real lost race.
    const racing = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== "send") return Reflect.get(target, prop, receiver);
        return async (command: { constructor: { name: string } }) => {
          if (!raced && command.constructor.name === "TransactWriteCommand") {
            raced = true;
            await dynamoDeliveryCounts(db, table).count([slot(id, "r-0", 1), slot(id, "r-0", 2)], NOW);
          }
          return target.send(command as never);
        };
      },
    });
    const counted = await dynamoDeliveryCounts(racing, table).count(
      [slot(id, "r-0", 2), slot(id, "r-0", 3)],
      NOW,
    );
    expect(raced).toBe(true);
    expect(counted.get(id)).toBe(1);
    expect(await delivered(id)).toBe(3);
  });

  it("write about one chunk item per chunk and one counter update per edition, not an item per delivery", async () => {
    const id = "ed_itemsxxxxxxxxxxxxxxxxx";
    await dynamoDeliveryCounts(db, table).count(
      Array.from({ length: 100 }, (_, i) => slot(id, `k-${Math.floor(i / 50)}`, i % 50)),
      NOW,
    );
    const { Items } = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `ED#${id}` },
      }),
    );
    const sks = (Items ?? []).map((i) => String(i.sk));
    expect(sks.filter((sk) => sk.startsWith("DLV#")).sort()).toEqual(["DLV#k-0", "DLV#k-1"]);
    expect(sks).toHaveLength(3);
  });
});
