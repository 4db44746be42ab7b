import { PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { meterDynamo } from "../bench/aws-meter.js";
import { ownTable } from "../helpers/own-table.js";

const { table, db } = ownTable("meter");

describe("the cost bench's DynamoDB meter", () => {
  it("counts a transaction's write units from its items' sizes, not DynamoDB Local's flat 2", async () => {
    // Prepare: a 2.5 KB item to update, metered from here on.
    await db.send(new PutCommand({ TableName: table, Item: { pk: "big", sk: "x", body: "b".repeat(2500) } }));
    const meter = meterDynamo();
    meter.attach(db);

    // Act: one transaction: a small Put, a 3.1 KB Put, an Update of the 2.5 KB item.
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk: "small", sk: "x" } } },
          { Put: { TableName: table, Item: { pk: "large", sk: "x", body: "l".repeat(3100) } } },
          {
            Update: {
              TableName: table,
              Key: { pk: "big", sk: "x" },
              UpdateExpression: "ADD n :one",
              ExpressionAttributeValues: { ":one": 1 },
            },
          },
        ],
      }),
    );

    // Assess: 2 per KB of each item, doubled for the transaction: 1 + 4 + 3 KB → 16 units; the
    // meter's own read of the updated item is not counted.
    expect(meter.usage()).toEqual({
      readUnits: 0,
      writeUnits: 2 * (1 + 4 + 3),
      requests: { TransactWriteItemsCommand: 1 },
    });
  });
});
