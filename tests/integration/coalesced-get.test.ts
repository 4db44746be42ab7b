import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, inject, it } from "vitest";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { coalescedGet } from "../../functions/adapters/dynamo/coalesced-get.js";
import { ensureTable, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";

const options = { endpoint: inject("dynamoEndpoint"), region: "local", credentials: LOCAL_CREDENTIALS };
const table = `coalesced-${randomUUID().slice(0, 8)}`;
const db = documentClient(options);
afterAll(() => db.destroy());

const key = (n: number) => ({ pk: `T#${n}`, sk: "ITEM" });
let batchGets = 0;
/** Whether each BatchGet was strongly consistent, in order. */
const consistent: boolean[] = [];
db.intercept((call, next) => {
  if (call.operation === "BatchGetItem") {
    batchGets++;
    const [request] = Object.values(call.input.RequestItems as Record<string, { ConsistentRead?: boolean }>);
    consistent.push(request?.ConsistentRead === true);
  }
  return next(call);
});

describe("reads gathered in one turn", () => {
  it("makes one BatchGet of reads asked together, each caller getting its own items", async () => {
    await ensureTable(new DynamoDBClient(options), table);
    for (let n = 0; n < 150; n += 25) {
      const items = Array.from({ length: 25 }, (_, i) => ({ ...key(n + i), n: n + i }));
      await db.send(
        new BatchWriteCommand({ RequestItems: { [table]: items.map((Item) => ({ PutRequest: { Item } })) } }),
      );
    }
    batchGets = 0;

    // Overlapping keys, and one that has no item.
    const [a, b, c] = await Promise.all([
      coalescedGet(db, table, [0, 1, 2].map(key)),
      coalescedGet(db, table, [2, 3, 999].map(key)),
      coalescedGet(db, table, [4].map(key)),
    ]);

    expect(batchGets).toBe(1);
    const ns = (items: Record<string, unknown>[]) => items.map((i) => i.n).sort();
    expect(ns(a)).toEqual([0, 1, 2]);
    expect(ns(b)).toEqual([2, 3]);
    expect(ns(c)).toEqual([4]);
  });

  it("splits what exceeds a BatchGet's 100 keys, and reads again in the next turn", async () => {
    batchGets = 0;
    const [a, b] = await Promise.all([
      coalescedGet(
        db,
        table,
        Array.from({ length: 80 }, (_, i) => key(i)),
      ),
      coalescedGet(
        db,
        table,
        Array.from({ length: 70 }, (_, i) => key(80 + i)),
      ),
    ]);
    expect(batchGets).toBe(2);
    expect(a).toHaveLength(80);
    expect(b).toHaveLength(70);
    expect(await coalescedGet(db, table, [key(7)])).toHaveLength(1);
    expect(batchGets).toBe(3);
  });

  it("reads each freshness apart: the latest strongly consistent, the recent for half the units", async () => {
    batchGets = 0;
    consistent.length = 0;
    const [latest, recent] = await Promise.all([
      coalescedGet(db, table, [key(1), key(2)]),
      coalescedGet(db, table, [key(2), key(3)], "recent"),
    ]);
    expect(batchGets).toBe(2);
    expect(consistent.sort()).toEqual([false, true]);
    expect(latest.map((i) => i.n).sort()).toEqual([1, 2]);
    expect(recent.map((i) => i.n).sort()).toEqual([2, 3]);
  });

  it("reads only the attributes its callers name, and whole items once one caller wants them", async () => {
    const wide = (n: number) => ({ ...key(1000 + n), n, note: "x".repeat(200) });
    await db.send(
      new BatchWriteCommand({
        RequestItems: { [table]: [0, 1, 2].map((n) => ({ PutRequest: { Item: wide(n) } })) },
      }),
    );
    const k = (n: number) => key(1000 + n);

    const [named, keysOnly] = await Promise.all([
      coalescedGet(db, table, [k(0)], "latest", ["n"]),
      coalescedGet(db, table, [k(1)], "latest", []),
    ]);
    const alone = await coalescedGet(db, table, [k(1)], "latest", []);
    const [whole, alongside] = await Promise.all([
      coalescedGet(db, table, [k(2)], "latest", ["n"]),
      coalescedGet(db, table, [k(0)]),
    ]);

    // Read together, both get what either named; neither gets the note.
    expect(named).toEqual([{ ...k(0), n: 0 }]);
    expect(keysOnly).toEqual([{ ...k(1), n: 1 }]);
    expect(alone).toEqual([k(1)]);
    expect(whole).toEqual([wide(2)]);
    expect(alongside).toEqual([wide(0)]);
  });
});
