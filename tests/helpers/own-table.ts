import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, inject } from "vitest";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { ensureTable, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";

/**
 * A table of the calling test file's own on the run's DynamoDB Local (created before its tests),
 * and a document client over it (closed after them). Call it at the top of the file.
 *
 * @example
 * const { table, db } = ownTable("marks");
 */
export function ownTable(prefix: string) {
  const table = `${prefix}-${randomUUID().slice(0, 8)}`;
  const endpoint = inject("dynamoEndpoint");
  const db = localClient();
  beforeAll(async () => {
    const raw = new DynamoDBClient({ endpoint, region: "local", credentials: LOCAL_CREDENTIALS });
    await ensureTable(raw, table);
    raw.destroy();
  });
  afterAll(() => db.destroy());
  return { table, db };
}

/**
 * A document client of its own on the run's DynamoDB Local: for a test that intercepts its calls
 * (`intercept`) without touching the file's shared one. The caller destroys it.
 *
 * @example
 * const counted = localClient();
 */
export function localClient() {
  return documentClient({
    endpoint: inject("dynamoEndpoint"),
    region: "local",
    credentials: LOCAL_CREDENTIALS,
  });
}
