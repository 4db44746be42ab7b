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
import { type AwsEndpoint, awsJsonCall } from "../http/aws-json-call.js";
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

/** One DynamoDB call as it goes on the wire: its operation and its (marshalled) input. */
export interface WireCall {
  operation: string;
  input: Record<string, unknown>;
}

/**
 * Sees, changes or refuses each wire call (tests and the bench's meters: what the SDK's middleware
 * was for them), and answers the call's wire output.
 */
export type WireInterceptor = (
  call: WireCall,
  next: (call: WireCall) => Promise<Record<string, unknown>>,
) => Promise<Record<string, unknown>>;

/** A document client whose calls can be intercepted on the wire (`intercept`). */
export type WireDocumentClient = DynamoDBDocumentClient & {
  /** Adds a wire interceptor; the last added sees a call first. */
  intercept(interceptor: WireInterceptor): void;
};

/**
 * The endpoint, signer and retries of the wrapped client's config, resolved once as the SDK resolves
 * them: an `endpoint` option, else `AWS_ENDPOINT_URL_DYNAMODB` (or the shared config's), else the
 * region's, through the SDK's own endpoint rules.
 */
async function endpointOf(base: DynamoDBClient): Promise<AwsEndpoint> {
  const config = base.config as typeof base.config & {
    serviceConfiguredEndpoint?: () => Promise<string | undefined>;
  };
  const region = await config.region();
  const option = config.endpoint ? await config.endpoint() : undefined;
  const configured = option
    ? `${option.protocol}//${option.hostname}${option.port ? `:${option.port}` : ""}${option.path}`
    : await config.serviceConfiguredEndpoint?.();
  const { url } = config.endpointProvider({
    Region: region,
    UseFIPS: await config.useFipsEndpoint(),
    UseDualStack: await config.useDualstackEndpoint(),
    ...(configured ? { Endpoint: configured } : {}),
  });
  const signer = await config.signer();
  return { url: new URL(url.href), signer, maxAttempts: await config.maxAttempts() };
}

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
  const interceptors: WireInterceptor[] = [];
  let endpoint: Promise<AwsEndpoint> | undefined;
  const resolved = () => {
    endpoint ??= endpointOf(base).catch((error) => {
      endpoint = undefined;
      throw error;
    });
    return endpoint;
  };
  const wire = async (c: WireCall) =>
    (await awsJsonCall(await resolved(), {
      path: "/",
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": `DynamoDB_20120810.${c.operation}`,
      },
      body: c.input,
    })) as Record<string, unknown>;
  const send = (command: { constructor: unknown; input: Record<string, unknown> }, ...rest: unknown[]) => {
    const operation = OPERATIONS.get(command?.constructor);
    if (!operation || rest.length > 0) return viaSdk(command, ...rest);
    const input = toWire(operation, command.input);
    // The SDK fills this token too: a transaction retried after a lost answer is applied once.
    if (operation === "TransactWriteItems") input.ClientRequestToken ??= randomUUID();
    const chain = interceptors.reduce<(c: WireCall) => Promise<Record<string, unknown>>>(
      (next, interceptor) => (c) => interceptor(c, next),
      wire,
    );
    return chain({ operation, input }).then((out) => fromWire(operation, out));
  };
  client.send = send as DynamoDBDocumentClient["send"];
  return Object.assign(client, { intercept: (i: WireInterceptor) => void interceptors.push(i) });
}
