import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { dynamoCredentialStore } from "../../functions/adapters/dynamo/credential-store.js";
import { keys } from "../../functions/adapters/dynamo/keys.js";
import { sealedCredentials } from "../../functions/adapters/social/sealed-credentials.js";
import { ensureTable, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";

const options = { endpoint: inject("dynamoEndpoint"), region: "local", credentials: LOCAL_CREDENTIALS };
const table = `herald-sealed-${randomUUID().slice(0, 8)}`;
const db = documentClient(options);
const raw = dynamoCredentialStore(db, table);

beforeAll(() => ensureTable(new DynamoDBClient(options), table));
afterAll(() => db.destroy());

describe("refreshed social tokens in the table", () => {
  it("are stored sealed: the item holds no token, the worker with the key reads them back", async () => {
    // Prepare
    const store = sealedCredentials(raw, "key-one");
    const tokens = { accessToken: "at-secret-123", refreshToken: "rt-secret-456" };

    // Act
    const saved = await store.put("x", "herald", tokens, 0);
    const read = await store.get("x", "herald");

    // Assess
    expect(saved).toBe(true);
    expect(read).toEqual({ values: tokens, version: 1 });
    const item = await db.send(
      new GetCommand({ TableName: table, Key: keys.socialCredentials("x", "herald") }),
    );
    expect(JSON.stringify(item.Item)).not.toContain("secret-123");
    expect(JSON.stringify(item.Item)).not.toContain("secret-456");
  });

  it("read as nothing stored under another key, at their version, so the next write replaces them", async () => {
    // Prepare
    await sealedCredentials(raw, "key-one").put("bluesky", "news", { accessJwt: "a" }, 0);
    const rotated = sealedCredentials(raw, "key-two");

    // Act
    const read = await rotated.get("bluesky", "news");
    const replaced = await rotated.put("bluesky", "news", { accessJwt: "b" }, read?.version ?? 0);

    // Assess
    expect(read).toEqual({ values: {}, version: 1 });
    expect(replaced).toBe(true);
    expect(await rotated.get("bluesky", "news")).toEqual({ values: { accessJwt: "b" }, version: 2 });
  });

  it("keep the store's versioning: a write from a stale read loses", async () => {
    const store = sealedCredentials(raw, "key-one");
    await store.put("threads", "1", { token: "t1" }, 0);
    expect(await store.put("threads", "1", { token: "t2" }, 0)).toBe(false);
  });
});
