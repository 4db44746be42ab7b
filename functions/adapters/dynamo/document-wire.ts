import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";

/**
 * Between the document client's plain values and DynamoDB's JSON protocol (`{ "S": "…" }`), for
 * each operation the adapters make: which fields of a request are items, keys or values to marshall,
 * and which fields of an answer are items to unmarshall. The same options as the SDK's document
 * client with `removeUndefinedValues`.
 */

type Doc = Record<string, unknown>;
type Wire = Record<string, AttributeValue>;
type Input = Record<string, unknown>;

type Value = { B?: unknown; BS?: unknown[]; M?: Record<string, Value>; L?: Value[] };

/**
 * Binary values in place, within maps and lists: JSON carries them as base64 (the SDK's serializer
 * does the same), while the document side holds bytes.
 */
function binaries(values: Iterable<Value>, convert: (b: unknown) => unknown) {
  for (const v of values) {
    if (v.B !== undefined) v.B = convert(v.B);
    else if (v.BS) v.BS = v.BS.map(convert);
    else if (v.M) binaries(Object.values(v.M), convert);
    else if (v.L) binaries(v.L, convert);
  }
}
const base64 = (b: unknown) => Buffer.from(b as Uint8Array).toString("base64");
const bytes = (b: unknown) => new Uint8Array(Buffer.from(String(b), "base64"));

const m = (item: unknown): Wire => {
  const wire = marshall(item as Doc, { removeUndefinedValues: true });
  binaries(Object.values(wire) as Value[], base64);
  return wire;
};
const u = (item: unknown): Doc => {
  binaries(Object.values(item as Record<string, Value>), bytes);
  return unmarshall(item as Wire);
};
const each = <T>(record: unknown, f: (value: never) => T) =>
  Object.fromEntries(Object.entries(record as Record<string, never>).map(([k, v]) => [k, f(v)]));

/** An expression's `ExpressionAttributeValues`, `Key`, `Item` and `ExclusiveStartKey` marshalled. */
function fields(input: Input): Input {
  const out: Input = { ...input };
  for (const f of ["Key", "Item", "ExpressionAttributeValues", "ExclusiveStartKey"]) {
    if (input[f] !== undefined) out[f] = m(input[f]);
  }
  return out;
}

type WriteRequest = { PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } };
const writeRequest = (r: WriteRequest, f: (item: unknown) => unknown) =>
  r.PutRequest
    ? { PutRequest: { Item: f(r.PutRequest.Item) } }
    : { DeleteRequest: { Key: f(r.DeleteRequest?.Key) } };

/** A document request in DynamoDB's wire form, for `operation`. */
export function toWire(operation: string, input: Input): Input {
  switch (operation) {
    case "BatchGetItem":
      return {
        ...input,
        RequestItems: each(input.RequestItems, (t: { Keys: unknown[] }) => ({
          ...(t as object),
          Keys: t.Keys.map(m),
        })),
      };
    case "BatchWriteItem":
      return {
        ...input,
        RequestItems: each(input.RequestItems, (rs: WriteRequest[]) => rs.map((r) => writeRequest(r, m))),
      };
    case "TransactWriteItems":
      return {
        ...input,
        TransactItems: (input.TransactItems as Array<Record<string, Input>>).map((element) =>
          each(element, (op: Input) => fields(op)),
        ),
      };
    default:
      return fields(input);
  }
}

/** A wire answer of `operation` in document form. */
export function fromWire(operation: string, output: Input): Input {
  const out: Input = { ...output };
  if (output.Item) out.Item = u(output.Item);
  if (output.Attributes) out.Attributes = u(output.Attributes);
  if (output.Items) out.Items = (output.Items as unknown[]).map(u);
  if (output.LastEvaluatedKey) out.LastEvaluatedKey = u(output.LastEvaluatedKey);
  if (operation === "BatchGetItem") {
    out.Responses = each(output.Responses ?? {}, (items: unknown[]) => items.map(u));
    out.UnprocessedKeys = each(output.UnprocessedKeys ?? {}, (t: { Keys: unknown[] }) => ({
      ...(t as object),
      Keys: t.Keys.map(u),
    }));
  }
  if (operation === "BatchWriteItem") {
    out.UnprocessedItems = each(output.UnprocessedItems ?? {}, (rs: WriteRequest[]) =>
      rs.map((r) => writeRequest(r, u)),
    );
  }
  return out;
}
