import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import type { WireDocumentClient } from "../../functions/adapters/dynamo/json-document-client.js";
import { itemBytes } from "./item-size.js";

type Capacity = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };

const READS = new Set([
  "GetItemCommand",
  "QueryCommand",
  "ScanCommand",
  "BatchGetItemCommand",
  "TransactGetItemsCommand",
]);

type Wire = Record<string, AttributeValue>;

/** A TransactWriteItems element as it goes on the wire (items and keys marshalled). */
type TransactItem = Record<
  string,
  { TableName: string; Key?: Record<string, unknown>; Item?: Record<string, unknown> }
>;

/**
 * A transaction's write units as DynamoDB bills them: 2 per KB of each item (a Put's as written; an
 * Update's, Delete's or ConditionCheck's as read right after, at least 1 KB), read without metering.
 */
async function transactionUnits(client: DynamoDBDocumentClient, items: TransactItem[] = []) {
  let units = 0;
  for (const element of items) {
    const [kind, op] = Object.entries(element)[0] as [string, TransactItem[string]];
    let bytes = 0;
    if (kind === "Put" && op.Item) bytes = itemBytes(unmarshall(op.Item as Wire));
    else if (op.Key) {
      const out = await client.send(
        new GetCommand({
          TableName: op.TableName,
          Key: unmarshall(op.Key as Wire),
          ConsistentRead: true,
          ReturnConsumedCapacity: "NONE",
        }),
      );
      bytes = out.Item ? itemBytes(out.Item) : 0;
    }
    units += 2 * Math.max(1, Math.ceil(bytes / 1024));
  }
  return units;
}

/** DynamoDB's request units as on-demand bills them, per operation, since the last `reset()`. */
export interface DynamoUsage {
  readUnits: number;
  writeUnits: number;
  requests: Record<string, number>;
}

/**
 * Counts what DynamoDB bills for every call a client makes on the wire: it asks each one for
 * `ReturnConsumedCapacity: TOTAL` and adds up the units the answer reports (DynamoDB Local computes
 * them from item sizes as DynamoDB does: reads per 4 KB, doubled for strong consistency over eventual,
 * writes per 1 KB, transactions twice), split into read and write units by operation. A
 * TransactWriteItems is counted from its items' sizes instead (`transactionUnits`): DynamoDB Local
 * answers 2 units for the whole transaction, whatever it writes.
 *
 * @example
 * const meter = meterDynamo();
 * localRuntime({ ..., configureDynamo: meter.attach });
 * meter.usage(); // { readUnits, writeUnits, requests: { QueryCommand: 20, … } }
 */
export function meterDynamo() {
  let usage: DynamoUsage = { readUnits: 0, writeUnits: 0, requests: {} };
  return {
    attach(client: WireDocumentClient) {
      client.intercept(async (call, next) => {
        // The meter's own reads (below) ask for no capacity, and are not counted.
        if (call.input.ReturnConsumedCapacity === "NONE") return next(call);
        const out = await next({ ...call, input: { ...call.input, ReturnConsumedCapacity: "TOTAL" } });
        const name = `${call.operation}Command`;
        usage.requests[name] = (usage.requests[name] ?? 0) + 1;
        const consumed = out.ConsumedCapacity as Capacity | Capacity[] | undefined;
        let units = 0;
        for (const c of [consumed ?? []].flat()) {
          units += c.CapacityUnits ?? (c.ReadCapacityUnits ?? 0) + (c.WriteCapacityUnits ?? 0);
        }
        // DynamoDB Local answers 2 units for any TransactWriteItems, however many items it writes;
        // DynamoDB bills 2 per item and KB: counted from the items as they are after it.
        if (name === "TransactWriteItemsCommand") {
          units = await transactionUnits(client, call.input.TransactItems as TransactItem[]);
        }
        if (READS.has(name)) usage.readUnits += units;
        else usage.writeUnits += units;
        return out;
      });
    },
    usage: (): DynamoUsage => ({ ...usage, requests: { ...usage.requests } }),
    reset() {
      usage = { readUnits: 0, writeUnits: 0, requests: {} };
    },
  };
}

/** One function's invocations as Lambda bills them: how many, and their durations. */
export interface InvocationUsage {
  invocations: number;
  /** Wall-clock seconds, summed. */
  seconds: number;
  /** CPU seconds of this process during them, summed (invocations run one at a time here). */
  cpuSeconds: number;
  /** SQS records delivered (one ReceiveMessage and one DeleteMessageBatch per batch on AWS). */
  records: number;
}

/**
 * Wraps a queue's batch handler to time each invocation, as Lambda's billed duration would be.
 *
 * @example
 * const send = timedHandler(sendWorker(ports)); queue.start(send.handler); send.usage.seconds;
 */
export function timedHandler(handler: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>) {
  const usage: InvocationUsage = { invocations: 0, seconds: 0, cpuSeconds: 0, records: 0 };
  return {
    usage,
    handler: async (event: SQSEvent) => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      try {
        return await handler(event);
      } finally {
        const used = process.cpuUsage(cpu);
        usage.invocations++;
        usage.records += event.Records.length;
        usage.seconds += (performance.now() - started) / 1000;
        usage.cpuSeconds += (used.user + used.system) / 1e6;
      }
    },
  };
}
