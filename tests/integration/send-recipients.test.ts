import { afterAll, describe, expect, it } from "vitest";
import { subscriberId } from "../../functions/domain/subscriber.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { importRows } from "../helpers/subscription.js";

let herald: TestHerald | undefined;
afterAll(() => herald?.stop());

describe("a send's read of its recipients", () => {
  it("carries what a send needs of each subscriber, not the rest of the record", async () => {
    // Prepare: the items each BatchGetItem answered, as they came over the wire.
    const answered: Array<Record<string, unknown>> = [];
    herald = await startHerald(
      {},
      {
        configureDynamo: (db) =>
          db.intercept(async (call, next) => {
            const out = await next(call);
            if (call.operation === "BatchGetItem")
              for (const items of Object.values(
                out.Responses as Record<string, Array<Record<string, unknown>>>,
              ))
                answered.push(...items);
            return out;
          }),
      },
    );
    await importRows(herald, [["reader@example.org", "Ada Reader", "world"]]);
    const id = subscriberId("reader@example.org");
    answered.length = 0;

    // Act
    const found = await herald.ports.subscribers.recipients(
      [id, subscriberId("nobody@example.org")],
      "recent",
    );

    // Assess: the name and consent stayed in DynamoDB; the one without a record is left out.
    expect([...found.values()]).toEqual([
      { id, email: "reader@example.org", status: "active", topics: ["world"], cadence: "instant" },
    ]);
    expect(answered.map((item) => Object.keys(item).sort())).toEqual([
      ["cadence", "email", "id", "pk", "sk", "status", "topics"],
    ]);
  });
});
