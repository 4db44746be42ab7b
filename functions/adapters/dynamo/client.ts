import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { jsonDocumentClient, type WireDocumentClient } from "./json-document-client.js";

/**
 * The document client every repository uses: the SDK's, with the repositories' calls made in
 * DynamoDB's JSON protocol directly (json-document-client.ts). `endpoint` points it at DynamoDB
 * Local; on Lambda the default chain finds region and credentials.
 */
export function documentClient(config: DynamoDBClientConfig = {}): WireDocumentClient {
  return jsonDocumentClient(new DynamoDBClient(config));
}
