import { gzipSync } from "node:zlib";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { dynamoEngagementStore } from "../../functions/adapters/dynamo/engagement-store.js";
import { sendRateUpdate } from "../../functions/adapters/dynamo/send-rate.js";
import { dynamoStatsReader } from "../../functions/adapters/dynamo/stats-reader.js";
import { SETTLE_MS } from "../../functions/adapters/dynamo/timeline-rollup.js";
import { localClient, ownTable } from "../helpers/own-table.js";

const { table, db } = ownTable("rollup");
let edition = 0;
const nextEdition = () => `ed_roll${String(++edition).padStart(18, "0")}`;

/** Counter moves into `bucket`, spread over the shards as the recorder's batches spread them. */
async function count(target: string, bucket: string, field: string, times: number) {
  const store = dynamoEngagementStore(db, table, `${table}-marks`);
  for (let i = 0; i < times; i++)
    await store.add(target, { message: {}, links: {}, timeline: { [bucket]: { [field]: 1 } } });
}

/** Sends recorded in `minute`, one send-rate item per shard, as the chunks' records write them. */
async function sent(target: string, minute: string, perShard: number[]) {
  for (const [shard, n] of perShard.entries())
    await db.send(
      new UpdateCommand(sendRateUpdate(table, target, n, shard, new Date(`${minute}:30Z`)).Update),
    );
}

const rollupItem = async (target: string) =>
  (await db.send(new GetCommand({ TableName: table, Key: { pk: `ESTAT#${target}`, sk: "ROLLUP" } }))).Item;

describe("the timeline roll-up", () => {
  it("folds closed hours into one item and answers the same timeline before and after", async () => {
    // Prepare: a send at 06:00, clicks at 06:01 and 07:30, and now 09:20.
    const target = nextEdition();
    await count(target, "2026-11-01T06:01", "clicksHuman", 5);
    await count(target, "2026-11-01T07:30", "clicksHuman", 3);
    await sent(target, "2026-11-01T09:05", [1, 1]);
    let now = Date.parse("2026-11-01T09:20:00Z");
    const reader = dynamoStatsReader(db, table, () => new Date(now));

    // Act
    const first = await reader.engagement(target);
    const stored = await rollupItem(target);
    const second = await reader.engagement(target);

    // Assess: hours up to 09 closed (09:20 minus the settling time is in hour 09), 09:05 still open.
    expect(first.timeline).toEqual([
      { bucket: "2026-11-01T06:01", counts: { clicksHuman: 5 } },
      { bucket: "2026-11-01T07:30", counts: { clicksHuman: 3 } },
      { bucket: "2026-11-01T09:05", counts: { sent: 2 } },
    ]);
    expect(stored?.before).toBe("2026-11-01T09");
    expect(stored?.version).toBe(1);
    expect(second.timeline).toEqual(first.timeline);
    expect(await rollupItem(target)).toMatchObject({ version: 1 });

    // Act again: an hour later, 09:05 is folded and a new bucket is read from the shards.
    await count(target, "2026-11-01T10:10", "clicksHuman", 1);
    now += 3600_000;
    const third = await reader.engagement(target);
    expect(third.timeline.map((t) => t.bucket)).toEqual([
      "2026-11-01T06:01",
      "2026-11-01T07:30",
      "2026-11-01T09:05",
      "2026-11-01T10:10",
    ]);
    expect(await rollupItem(target)).toMatchObject({ before: "2026-11-01T10", version: 2 });
  });

  it("reads the open buckets beside the roll-up, counting a folded one once and a stale roll-up's gap too", async () => {
    // Prepare: clicks at 07:30 and 08:40, folded by a read at 09:20 (the roll-up's edge is 09).
    const target = nextEdition();
    await count(target, "2026-11-01T07:30", "clicksHuman", 1);
    await count(target, "2026-11-01T08:40", "clicksHuman", 2);
    let now = Date.parse("2026-11-01T09:20:00Z");
    const reader = dynamoStatsReader(db, table, () => new Date(now));
    await reader.engagement(target);

    // Act: a read at 09:30 looks for open buckets from 08 on, where 08:40 is, folded already.
    now = Date.parse("2026-11-01T09:30:00Z");
    const soon = await reader.engagement(target);

    // Assess
    expect(soon.timeline).toEqual([
      { bucket: "2026-11-01T07:30", counts: { clicksHuman: 1 } },
      { bucket: "2026-11-01T08:40", counts: { clicksHuman: 2 } },
    ]);

    // Act: nobody reads for hours; the buckets between the roll-up's edge (09) and where a read
    // looks first (11, at 13:00) are read too.
    await count(target, "2026-11-01T09:50", "clicksHuman", 3);
    await count(target, "2026-11-01T10:30", "clicksHuman", 4);
    await count(target, "2026-11-01T11:40", "clicksHuman", 5);
    now = Date.parse("2026-11-01T13:00:00Z");
    const late = await reader.engagement(target);

    // Assess
    expect(late.timeline.map((t) => [t.bucket, t.counts.clicksHuman])).toEqual([
      ["2026-11-01T07:30", 1],
      ["2026-11-01T08:40", 2],
      ["2026-11-01T09:50", 3],
      ["2026-11-01T10:30", 4],
      ["2026-11-01T11:40", 5],
    ]);
    expect(await rollupItem(target)).toMatchObject({ before: "2026-11-01T12", version: 2 });
  });

  it("never folds an hour until it has settled, so late events still count", async () => {
    const target = nextEdition();
    await count(target, "2026-11-01T06:58", "clicksHuman", 1);
    const justAfter = Date.parse("2026-11-01T07:00:00Z") + SETTLE_MS - 60_000;
    const reader = dynamoStatsReader(db, table, () => new Date(justAfter));
    await reader.engagement(target);
    expect(await rollupItem(target)).toBeUndefined();
    await count(target, "2026-11-01T06:59", "clicksHuman", 1);
    const later = dynamoStatsReader(db, table, () => new Date(justAfter + 120_000));
    expect((await later.engagement(target)).timeline).toEqual([
      { bucket: "2026-11-01T06:58", counts: { clicksHuman: 1 } },
      { bucket: "2026-11-01T06:59", counts: { clicksHuman: 1 } },
    ]);
    expect(await rollupItem(target)).toMatchObject({ before: "2026-11-01T07" });
  });

  it("keeps totals and links out of the roll-up: they are read fresh every time", async () => {
    const target = nextEdition();
    const store = dynamoEngagementStore(db, table, `${table}-marks`);
    await store.add(target, {
      message: { humanClickers: 1 },
      links: { k1: { url: "https://news.example/a", by: { humanUnique: 1, humanTotal: 1 } } },
      timeline: { "2026-11-01T06:01": { clicksHuman: 1 } },
    });
    const reader = dynamoStatsReader(db, table, () => new Date("2026-11-02T00:00:00Z"));
    await reader.engagement(target);
    await store.add(target, { message: { humanClickers: 1 }, links: {}, timeline: {} });
    const after = await reader.engagement(target);
    expect(after.message).toEqual({ humanClickers: 2 });
    expect(after.links).toEqual([
      { key: "k1", url: "https://news.example/a", counts: { humanUnique: 1, humanTotal: 1 } },
    ]);
    expect(after.timeline).toEqual([{ bucket: "2026-11-01T06:01", counts: { clicksHuman: 1 } }]);
  });

  it("counts sends from the send-rate minutes, once, beside an older timeline item's own count", async () => {
    // Prepare: 09:05 counted both ways (as sends were before the timeline read the send-rate
    // minutes), 09:06 only by the send-rate shards.
    const target = nextEdition();
    await sent(target, "2026-11-01T09:05", [2]);
    await count(target, "2026-11-01T09:05", "sent", 2);
    await sent(target, "2026-11-01T09:06", [3, 0, 4]);
    const reader = dynamoStatsReader(db, table, () => new Date("2026-11-01T09:20:00Z"));

    // Act
    const open = await reader.engagement(target);
    const folded = await dynamoStatsReader(db, table, () => new Date("2026-11-01T11:00:00Z")).engagement(
      target,
    );

    // Assess: the same before and after 09 is folded into the roll-up.
    expect(open.timeline).toEqual([
      { bucket: "2026-11-01T09:05", counts: { sent: 2 } },
      { bucket: "2026-11-01T09:06", counts: { sent: 7 } },
    ]);
    expect(await rollupItem(target)).toMatchObject({ before: "2026-11-01T10" });
    expect(folded.timeline).toEqual(open.timeline);
  });

  it("answers from the roll-up it parsed while the stored one keeps its version, and parses a new one", async () => {
    // Prepare: a roll-up folded by a reader at 09:20, which keeps it parsed.
    const target = nextEdition();
    await count(target, "2026-11-01T06:01", "clicksHuman", 5);
    const reader = dynamoStatsReader(db, table, () => new Date("2026-11-01T09:20:00Z"));
    const first = await reader.engagement(target);
    const stored = await rollupItem(target);
    const overwrite = (version: number, buckets: unknown) =>
      db.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: `ESTAT#${target}`, sk: "ROLLUP" },
          UpdateExpression: "SET buckets = :b, version = :v",
          ExpressionAttributeValues: { ":b": buckets, ":v": version },
        }),
      );

    // Act: the stored buckets become unreadable under the same version and edge.
    await overwrite(stored?.version, new Uint8Array([1, 2, 3]));
    const kept = await reader.engagement(target);
    // Act: another reader stores a newer version (here: hand-written, with another count).
    const newer = gzipSync(JSON.stringify([["2026-11-01T06:01", { clicksHuman: 6 }]]));
    await overwrite(stored?.version + 1, newer);
    const reread = await reader.engagement(target);

    // Assess
    expect(kept.timeline).toEqual(first.timeline);
    expect(reread.timeline).toEqual([{ bucket: "2026-11-01T06:01", counts: { clicksHuman: 6 } }]);
  });

  it("reads an email read hourly in ten requests: its roll-up, a Query per shard for the buckets since and the totals, the send-rate minutes", async () => {
    // Prepare: totals, a link, a folded hour and a bucket still open; a reader that read at 09:20.
    const target = nextEdition();
    const store = dynamoEngagementStore(db, table, `${table}-marks`);
    await store.add(target, {
      message: { humanClickers: 1 },
      links: { k1: { url: "https://news.example/a", by: { humanUnique: 1 } } },
      timeline: { "2026-11-01T06:01": { clicksHuman: 1 } },
    });
    await count(target, "2026-11-01T09:15", "clicksHuman", 2);
    const counted = localClient();
    const requests: string[] = [];
    counted.intercept((call, next) => {
      requests.push(call.operation);
      return next(call);
    });
    let clock = new Date("2026-11-01T09:20:00Z");
    const reader = dynamoStatsReader(counted, table, () => clock);
    await reader.engagement(target);
    requests.length = 0;

    // Act: the next read, ten minutes on.
    clock = new Date("2026-11-01T09:30:00Z");
    const counters = await reader.engagement(target).finally(() => counted.destroy());

    // Assess
    expect(requests.sort()).toEqual(["GetItem", ...Array(9).fill("Query")]);
    expect(counters.message).toEqual({ humanClickers: 1 });
    expect(counters.links).toEqual([
      { key: "k1", url: "https://news.example/a", counts: { humanUnique: 1 } },
    ]);
    expect(counters.timeline).toEqual([
      { bucket: "2026-11-01T06:01", counts: { clicksHuman: 1 } },
      { bucket: "2026-11-01T09:15", counts: { clicksHuman: 2 } },
    ]);
  });
});
