import { randomBytes, randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CARD_PART_BYTES, cardEtag, dynamoCardStore } from "../../functions/adapters/dynamo/card-store.js";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { ensureTable, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";

const table = `cards-${randomUUID().slice(0, 8)}`;
let db: DynamoDBDocumentClient;
let edition = 0;
/** A fresh edition id per test, so the tests share one table without seeing each other's items. */
const nextEdition = () => `ed_card${String(++edition).padStart(18, "0")}`;

/** Every item of the edition whose sort key starts with CARD (manifest and parts). */
async function cardItems(editionId: string) {
  const out = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :card)",
      ExpressionAttributeValues: { ":pk": `ED#${editionId}`, ":card": "CARD" },
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
}

/** A client whose put of the manifest fails: a render job that dies between the parts and the manifest. */
function dyingBeforeManifest(): DynamoDBDocumentClient {
  return {
    send: async (command: unknown) => {
      const input = (command as { input?: { Item?: { sk?: string } } }).input;
      if (command instanceof PutCommand && input?.Item?.sk === "CARD") throw new Error("the job died");
      return db.send(command as PutCommand);
    },
  } as unknown as DynamoDBDocumentClient;
}

beforeAll(async () => {
  const endpoint = inject("dynamoEndpoint");
  const options = { endpoint, region: "local", credentials: LOCAL_CREDENTIALS };
  const admin = new DynamoDBClient(options);
  await ensureTable(admin, table);
  admin.destroy();
  db = documentClient(options);
});

afterAll(() => db.destroy());

describe("the DynamoDB card store", () => {
  it("round-trips a card larger than one item in parts of at most 350 KB, with a manifest", async () => {
    // Prepare: 800 KB of noise is three parts.
    const cards = dynamoCardStore(db, table);
    const editionId = nextEdition();
    const png = randomBytes(800 * 1024);

    // Act
    await cards.put(editionId, png);
    const read = await cards.get(editionId);

    // Assess
    expect(read && Buffer.from(read).equals(png)).toBe(true);
    const items = await cardItems(editionId);
    const manifest = items.find((i) => i.sk === "CARD");
    expect(manifest).toMatchObject({ parts: 3, size: png.length, etag: cardEtag(png) });
    const parts = items.filter((i) => i.sk !== "CARD");
    expect(parts).toHaveLength(3);
    for (const part of parts) expect((part.body as Uint8Array).length).toBeLessThanOrEqual(CARD_PART_BYTES);
  });

  it("round-trips a small card in one part", async () => {
    // Prepare
    const cards = dynamoCardStore(db, table);
    const editionId = nextEdition();
    const png = randomBytes(1234);

    // Act
    await cards.put(editionId, png);

    // Assess
    expect(Buffer.from((await cards.get(editionId)) ?? []).equals(png)).toBe(true);
    expect(await cardItems(editionId)).toHaveLength(2);
  });

  it("has no card for an edition that never stored one", async () => {
    // Act + Assess
    expect(await dynamoCardStore(db, table).get(nextEdition())).toBeUndefined();
  });

  it("shows no card while only its parts are written, and the whole one after a retried put", async () => {
    // Prepare
    const editionId = nextEdition();
    const png = randomBytes(500 * 1024);

    // Act
    await expect(dynamoCardStore(dyingBeforeManifest(), table).put(editionId, png)).rejects.toThrow(/died/);
    const halfWritten = await dynamoCardStore(db, table).get(editionId);
    await dynamoCardStore(db, table).put(editionId, png);
    const retried = await dynamoCardStore(db, table).get(editionId);

    // Assess
    expect((await cardItems(editionId)).length).toBe(3);
    expect(halfWritten).toBeUndefined();
    expect(retried && Buffer.from(retried).equals(png)).toBe(true);
  });

  it("keeps the first card of an edition (its URL is cached as immutable) and drops a later one's parts", async () => {
    // Prepare
    const cards = dynamoCardStore(db, table);
    const editionId = nextEdition();
    const first = randomBytes(400 * 1024);
    const second = randomBytes(400 * 1024);

    // Act
    await cards.put(editionId, first);
    await cards.put(editionId, second);
    await cards.put(editionId, first);

    // Assess
    expect(Buffer.from((await cards.get(editionId)) ?? []).equals(first)).toBe(true);
    const parts = (await cardItems(editionId)).filter((i) => i.sk !== "CARD");
    expect(parts.map((p) => String(p.sk)).sort()).toEqual([
      `CARD#${cardEtag(first)}#0`,
      `CARD#${cardEtag(first)}#1`,
    ]);
  });

  it("refuses a card whose parts no longer match the manifest's hash", async () => {
    // Prepare: a part overwritten behind the store's back.
    const cards = dynamoCardStore(db, table);
    const editionId = nextEdition();
    const png = randomBytes(2000);
    await cards.put(editionId, png);
    await db.send(
      new PutCommand({
        TableName: table,
        Item: { pk: `ED#${editionId}`, sk: `CARD#${cardEtag(png)}#0`, body: randomBytes(2000) },
      }),
    );

    // Act + Assess
    await expect(cards.get(editionId)).rejects.toThrow(/does not match/);
  });
});
