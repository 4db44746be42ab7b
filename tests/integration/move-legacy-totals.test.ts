import { PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { addToItem } from "../../functions/adapters/dynamo/counter-items.js";
import { dynamoEngagementStore } from "../../functions/adapters/dynamo/engagement-store.js";
import { moveLegacyTotals } from "../../functions/adapters/dynamo/move-legacy-totals.js";
import { dynamoStatsReader } from "../../functions/adapters/dynamo/stats-reader.js";
import { localClient, ownTable } from "../helpers/own-table.js";

const { table, db } = ownTable("totals");
const target = "ed_TOTALSAAAAAAAAAAAAAAAA";

/** A total as a Herald before 2026-12-07 stored it. */
const legacy = (shard: number, sk: string, counts: Record<string, unknown>) =>
  db.send(new PutCommand({ TableName: table, Item: { pk: `ESTAT#${target}#${shard}`, sk, ...counts } }));

describe("moving the engagement totals an older Herald kept under MSG and LINK#", () => {
  it("adds them to what was counted since the upgrade, so the stats show both, and leaves no legacy item", async () => {
    // Prepare: totals counted before the upgrade in two shards, and a click counted after it.
    await legacy(0, "MSG", { humanClickers: 3, opensHuman: 5 });
    await legacy(2, "MSG", { humanClickers: 1 });
    await legacy(0, "LINK#k1", { url: "https://news.example/a", humanUnique: 3, humanTotal: 4 });
    await legacy(0, "LINK#k2", { url: "https://news.example/b" });
    const store = dynamoEngagementStore(db, table, `${table}-marks`);
    await store.add(target, {
      message: { humanClickers: 1 },
      links: { k1: { url: "https://news.example/a", by: { humanUnique: 1, humanTotal: 1 } } },
      timeline: {},
    });
    const reader = dynamoStatsReader(db, table, () => new Date("2026-12-08T00:00:00Z"));
    expect((await reader.engagement(target)).message).toEqual({ humanClickers: 1 });

    // Act
    const result = await moveLegacyTotals(db, table);

    // Assess
    expect(result).toEqual({ moved: 4 });
    const counters = await reader.engagement(target);
    expect(counters.message).toEqual({ humanClickers: 5, opensHuman: 5 });
    expect(counters.links.sort((a, b) => (a.key < b.key ? -1 : 1))).toEqual([
      { key: "k1", url: "https://news.example/a", counts: { humanUnique: 4, humanTotal: 5 } },
      { key: "k2", url: "https://news.example/b", counts: {} },
    ]);
    const left = await db.send(new ScanCommand({ TableName: table }));
    expect((left.Items ?? []).filter((i) => i.sk === "MSG" || String(i.sk).startsWith("LINK#"))).toEqual([]);
    // Run again: nothing left to move, and nothing counted twice.
    expect(await moveLegacyTotals(db, table)).toEqual({ moved: 0 });
    expect((await reader.engagement(target)).message).toEqual({ humanClickers: 5, opensHuman: 5 });
  });

  it("counts a click an old recorder adds while the total is being moved", async () => {
    // Prepare: a legacy total, and a client on which an old recorder adds a click to it just before
    // the move's first transaction (after the scan read it).
    const other = "ed_TOTALSBBBBBBBBBBBBBBBB";
    await db.send(
      new PutCommand({ TableName: table, Item: { pk: `ESTAT#${other}#1`, sk: "MSG", humanClickers: 2 } }),
    );
    const moving = localClient();
    let raced = false;
    moving.intercept(async (call, next) => {
      if (call.operation === "TransactWriteItems" && !raced) {
        raced = true;
        await addToItem(db, table, { pk: `ESTAT#${other}#1`, sk: "MSG" }, { humanClickers: 1 });
      }
      return next(call);
    });

    // Act
    await moveLegacyTotals(moving, table).finally(() => moving.destroy());

    // Assess
    expect(raced).toBe(true);
    const reader = dynamoStatsReader(db, table, () => new Date("2026-12-08T00:00:00Z"));
    expect((await reader.engagement(other)).message).toEqual({ humanClickers: 3 });
  });
});
