import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { dynamoEngagementMarks } from "../../functions/adapters/dynamo/engagement-marks.js";
import { dynamoEngagementStore } from "../../functions/adapters/dynamo/engagement-store.js";
import { moveLegacyMarks } from "../../functions/adapters/dynamo/move-legacy-marks.js";
import { MARKS_TABLE_SCHEMA } from "../../functions/adapters/dynamo/table-schema.js";
import { recordEngagements } from "../../functions/flows/record-engagements.js";
import { ensureTable, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { ownTable } from "../helpers/own-table.js";

const { table, db } = ownTable("legacy");
const marksTable = `${table}-marks`;
beforeAll(() =>
  ensureTable(
    new DynamoDBClient({
      endpoint: inject("dynamoEndpoint"),
      region: "local",
      credentials: LOCAL_CREDENTIALS,
    }),
    marksTable,
    MARKS_TABLE_SCHEMA,
  ),
);

const at = Date.parse("2026-12-01T08:00:00Z");
const target = "ed_LEGACYAAAAAAAAAAAAAAAA";
const click = (id: string, recipient: string, url: string) => ({
  id,
  kind: "click" as const,
  target,
  recipient,
  sentAt: at / 1000 - 60,
  url,
  at: at + Number(id.slice(1)) * 60_000,
  machine: false,
});

describe("moving the marks an older Herald kept in the main table", () => {
  it("moves them where the recorder reads them, keeps a newer mark it finds there, and empties the main table of marks", async () => {
    // Prepare: reader a clicked before the upgrade (its mark in the main table, as the old recorder
    // wrote it); reader b also clicked after it, before the move (a mark in each table).
    const engagement = dynamoEngagementStore(db, table, marksTable);
    const legacy = { engagement, marks: dynamoEngagementMarks(db, table) };
    const current = { engagement, marks: dynamoEngagementMarks(db, marksTable) };
    await recordEngagements(legacy, [click("e1", "a", "https://news.example/one")]);
    await recordEngagements(legacy, [click("e2", "b", "https://news.example/one")]);
    await recordEngagements(current, [click("e3", "b", "https://news.example/two")]);

    // Act
    const result = await moveLegacyMarks(db, table, marksTable);

    // Assess: the moved mark still knows e1, so a redelivery of it counts nothing.
    expect(result).toEqual({ moved: 1, kept: 1 });
    const [a, b] = await current.marks.getMarks([
      { recipient: "a", target },
      { recipient: "b", target },
    ]);
    expect(a?.mark.seen).toEqual(["e1"]);
    expect(b?.mark.seen).toEqual(["e3"]);
    expect(await recordEngagements(current, [click("e1", "a", "https://news.example/one")])).toBe(0);
    const left = await db.send(new ScanCommand({ TableName: table }));
    expect((left.Items ?? []).filter((i) => String(i.pk).startsWith("ENG#"))).toEqual([]);
    // Run again: nothing left to move.
    expect(await moveLegacyMarks(db, table, marksTable)).toEqual({ moved: 0, kept: 0 });
  });
});
