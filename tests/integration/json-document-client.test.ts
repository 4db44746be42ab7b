import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { conditionally, writeIf } from "../../functions/adapters/dynamo/conditional-write.js";
import { jsonDocumentClient } from "../../functions/adapters/dynamo/json-document-client.js";
import type { WireCall } from "../../functions/adapters/http/sdk-wire.js";
import { ensureTable, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";

/**
 * The send path's own DynamoDB client against the SDK's, on DynamoDB Local: what one writes the
 * other reads back identically, and refusals come with the names and reasons the repositories test.
 */
const table = `jsondoc-${randomUUID().slice(0, 8)}`;
let raw: DynamoDBClient;
let sdk: DynamoDBDocumentClient;
let json: ReturnType<typeof jsonDocumentClient>;
const calls: WireCall[] = [];

/** Every kind of value an item can hold, binary inside a map and a list included. */
const rich = (pk: string) => ({
  pk,
  sk: "ITEM",
  text: "héllo ✉",
  empty: "",
  n: 42,
  fraction: -0.125,
  yes: true,
  nothing: null,
  bytes: new Uint8Array([0, 1, 2, 254, 255]),
  tags: new Set(["a", "b"]),
  numbers: new Set([1, 2, 3]),
  nested: { list: [1, "two", { deep: new Uint8Array([9, 8]) }], map: { x: 1 } },
});

beforeAll(async () => {
  const options = { endpoint: inject("dynamoEndpoint"), region: "local", credentials: LOCAL_CREDENTIALS };
  raw = new DynamoDBClient(options);
  await ensureTable(raw, table);
  sdk = DynamoDBDocumentClient.from(new DynamoDBClient(options));
  json = jsonDocumentClient(new DynamoDBClient(options));
  json.intercept((call, next) => {
    calls.push(call);
    return next(call);
  });
});
afterAll(() => {
  raw.destroy();
  sdk.destroy();
  json.destroy();
});

describe("the JSON document client", () => {
  it("reads back what the SDK wrote, and writes what the SDK reads back, value for value", async () => {
    await sdk.send(new PutCommand({ TableName: table, Item: rich("by-sdk") }));
    await json.send(new PutCommand({ TableName: table, Item: rich("by-json") }));

    const viaJson = await json.send(new GetCommand({ TableName: table, Key: { pk: "by-sdk", sk: "ITEM" } }));
    const viaSdk = await sdk.send(new GetCommand({ TableName: table, Key: { pk: "by-json", sk: "ITEM" } }));

    expect(viaJson.Item).toEqual(rich("by-sdk"));
    expect(viaSdk.Item).toEqual(rich("by-json"));
    expect(calls.map((c) => c.operation)).toEqual(["PutItem", "GetItem"]);
  });

  it("pages a Query, and batches reads and writes, in the SDK's shapes", async () => {
    const items = Array.from({ length: 7 }, (_, i) => ({ pk: "Q", sk: `S#${i}`, i }));
    await json.send(
      new BatchWriteCommand({ RequestItems: { [table]: items.map((Item) => ({ PutRequest: { Item } })) } }),
    );
    const seen: unknown[] = [];
    let from: Record<string, unknown> | undefined;
    do {
      const page = await json.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": "Q" },
          Limit: 3,
          ExclusiveStartKey: from,
        }),
      );
      seen.push(...(page.Items ?? []));
      from = page.LastEvaluatedKey;
    } while (from);
    expect(seen).toEqual(items);

    await json.send(
      new BatchWriteCommand({
        RequestItems: { [table]: [{ DeleteRequest: { Key: { pk: "Q", sk: "S#0" } } }] },
      }),
    );
    const got = await json.send(
      new BatchGetCommand({
        RequestItems: {
          [table]: { Keys: [0, 1, 2].map((i) => ({ pk: "Q", sk: `S#${i}` })), ConsistentRead: true },
        },
      }),
    );
    const found = (got.Responses?.[table] ?? []).map((item) => item.i).sort();
    expect(found).toEqual([1, 2]);
  });

  it("answers an update's new values, and a refused condition by the SDK's name", async () => {
    const key = { pk: "U", sk: "ITEM" };
    const out = await json.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: "ADD n :one SET tag = :t",
        ExpressionAttributeValues: { ":one": 1, ":t": new Uint8Array([7]) },
        ReturnValues: "ALL_NEW",
      }),
    );
    expect(out.Attributes).toEqual({ ...key, n: 1, tag: new Uint8Array([7]) });

    const again = json.send(
      new PutCommand({ TableName: table, Item: key, ConditionExpression: "attribute_not_exists(pk)" }),
    );
    await expect(again).rejects.toMatchObject({
      name: "ConditionalCheckFailedException",
      $metadata: { httpStatusCode: 400 },
    });
    expect(
      await writeIf(
        json.send(
          new PutCommand({
            TableName: table,
            Item: key,
            ConditionExpression: "n = :n",
            ExpressionAttributeValues: { ":n": 5 },
          }),
        ),
      ),
    ).toBe(false);
  });

  it("cancels a transaction with its reasons in order, and fills its idempotency token", async () => {
    await json.send(new PutCommand({ TableName: table, Item: { pk: "T", sk: "TAKEN" } }));
    const out = await conditionally(
      json.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: { pk: "T", sk: "FREE" },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            {
              Put: {
                TableName: table,
                Item: { pk: "T", sk: "TAKEN" },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
          ],
        }),
      ),
    );
    expect(out.written).toBe(false);
    expect(!out.written && out.refused).toEqual([false, true]);
    expect((out as { error: { name: string } }).error.name).toBe("TransactionCanceledException");
    expect(calls.at(-1)?.input.ClientRequestToken).toMatch(/^[0-9a-f-]{36}$/);
    const free = await sdk.send(new GetCommand({ TableName: table, Key: { pk: "T", sk: "FREE" } }));
    expect(free.Item).toBeUndefined();
  });

  it("leaves any other command to the SDK", async () => {
    const before = calls.length;
    const out = await json.send(
      new TransactGetCommand({
        TransactItems: [{ Get: { TableName: table, Key: { pk: "T", sk: "TAKEN" } } }],
      }),
    );
    expect(out.Responses?.[0]?.Item).toEqual({ pk: "T", sk: "TAKEN" });
    expect(calls.length).toBe(before);
  });
});
