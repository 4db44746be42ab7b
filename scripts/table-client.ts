import { documentClient } from "../functions/adapters/dynamo/client.js";

/**
 * The table a maintenance script works on (`HERALD_TABLE_NAME`, default `herald`) and a client for
 * it: AWS's, or with `HERALD_DYNAMODB_ENDPOINT` a local DynamoDB (credentials: any).
 *
 * @example
 * const { tableName, db } = scriptTable();
 */
export function scriptTable() {
  const tableName = process.env.HERALD_TABLE_NAME ?? "herald";
  const endpoint = process.env.HERALD_DYNAMODB_ENDPOINT;
  const db = documentClient(
    endpoint
      ? { endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : {},
  );
  return { tableName, db };
}
