import { randomUUID } from "node:crypto";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { sdkWire, type WireInterceptor } from "../http/sdk-wire.js";
import { fromWire, toWire } from "./document-wire.js";

/** The operations the adapters make, by the document command that asks for each. */
const OPERATIONS = new Map<unknown, string>([
  [GetCommand, "GetItem"],
  [PutCommand, "PutItem"],
  [UpdateCommand, "UpdateItem"],
  [DeleteCommand, "DeleteItem"],
  [QueryCommand, "Query"],
  [ScanCommand, "Scan"],
  [BatchGetCommand, "BatchGetItem"],
  [BatchWriteCommand, "BatchWriteItem"],
  [TransactWriteCommand, "TransactWriteItems"],
]);

/** A document client whose calls can be intercepted on the wire (`intercept`). */
export type WireDocumentClient = DynamoDBDocumentClient & {
  /** Adds a wire interceptor; the last added sees a call first. */
  intercept(interceptor: WireInterceptor): void;
};

/**
 * The SDK's document client, with the calls the adapters make sent by Herald itself in DynamoDB's
 * JSON protocol over a kept-alive connection, signed with the SDK's own signer and the wrapped
 * client's credentials, region and endpoint; any other command goes through the SDK as before. Why:
 * the SDK spends 1.5–3 ms of CPU per call in serialization, middleware and endpoint rules, and the
 * send worker makes nine calls a chunk: that was nearly all of a send's CPU (docs/performance.md).
 * It answers the same shapes and raises errors by the same names (`ConditionalCheckFailedException`,
 * `TransactionCanceledException` with its `CancellationReasons`), so repositories cannot tell.
 *
 * @example
 * const db = jsonDocumentClient(new DynamoDBClient({ endpoint: "http://127.0.0.1:8000" }));
 * await db.send(new GetCommand({ TableName: "herald", Key: { pk: "a", sk: "b" } }));
 */
export function jsonDocumentClient(base: DynamoDBClient): WireDocumentClient {
  const client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  const viaSdk = client.send.bind(client) as (...args: unknown[]) => unknown;
  const wire = sdkWire(base.config, (c) => ({
    path: "/",
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": `DynamoDB_20120810.${c.operation}`,
    },
    body: c.input,
  }));
  const send = (command: { constructor: unknown; input: Record<string, unknown> }, ...rest: unknown[]) => {
    const operation = OPERATIONS.get(command?.constructor);
    if (!operation || rest.length > 0) return viaSdk(command, ...rest);
    const input = toWire(operation, command.input);
    // The SDK fills this token too: a transaction retried after a lost answer is applied once.
    if (operation === "TransactWriteItems") input.ClientRequestToken ??= randomUUID();
    return wire.call({ operation, input }).then((out) => fromWire(operation, out));
  };
  client.send = send as DynamoDBDocumentClient["send"];
  return Object.assign(client, { intercept: wire.intercept });
}
