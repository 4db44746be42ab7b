import { BatchGetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { WireDocumentClient } from "../../functions/adapters/dynamo/json-document-client.js";

type Attr = string | { S?: string } | undefined;
type Keyed = { Key?: Record<string, Attr>; Item?: Record<string, Attr> };

/** Writes a request made to one key: how many, and how many of them inside a transaction. */
export interface KeyTally {
  pk: string;
  sk: string;
  writes: number;
  transactional: number;
}

const text = (a: Attr) => (typeof a === "string" ? a : (a?.S ?? ""));

/**
 * Counts every write request DynamoDB gets through `client`, per key: puts, updates (conditional ones
 * that fail included: they cost write units all the same), deletes, batch writes, and each element of
 * a TransactWriteItems (a condition check too). Counted, never timed.
 *
 * @example
 * const writes = countKeyWrites(db); // … a send …
 * writes.get("ED#ed_x|EDITION")?.writes;
 */
export function countKeyWrites(client: WireDocumentClient): Map<string, KeyTally> {
  const found = new Map<string, KeyTally>();
  const count = (k: Record<string, Attr> | undefined, transactional: boolean) => {
    if (!k) return;
    const pk = text(k.pk);
    const sk = text(k.sk);
    const tally = found.get(`${pk}|${sk}`) ?? { pk, sk, writes: 0, transactional: 0 };
    tally.writes++;
    if (transactional) tally.transactional++;
    found.set(`${pk}|${sk}`, tally);
  };
  client.intercept((call, next) => {
    const input = call.input;
    if (/^(PutItem|UpdateItem|DeleteItem)$/.test(call.operation)) {
      count((input as Keyed).Key ?? (input as Keyed).Item, false);
    } else if (call.operation === "BatchWriteItem") {
      const requests = Object.values(input.RequestItems as Record<string, unknown[]>).flat();
      for (const r of requests as Array<{ PutRequest?: Keyed; DeleteRequest?: Keyed }>) {
        count(r.PutRequest?.Item ?? r.DeleteRequest?.Key, false);
      }
    } else if (call.operation === "TransactWriteItems") {
      for (const element of input.TransactItems as Array<Record<string, Keyed>>) {
        const op = Object.values(element)[0];
        count(op?.Key ?? op?.Item, true);
      }
    }
    return next(call);
  });
  return found;
}

/** The writes and write units (about) a kind of key took in one send. */
export interface KeyCost {
  key: string;
  writes: number;
  units: number;
  sizeBytes: number;
}

/**
 * A key with the send's own parts named, so keys of two sends compare: the fan-out's id, and the
 * minute of a send-rate item (a send that spans two minutes adds both to one).
 */
const kindOf = (t: KeyTally, id: string) =>
  `${t.pk.replace(id, "<id>")} ${t.sk.replace(/^RATE#[^#]+/, "RATE#<minute>")}`;

/**
 * What the counted writes of one send of fan-out `id` cost, per kind of key. A write costs a unit per
 * KB of the item (its size read back now, as JSON: about DynamoDB's own measure), twice that in a
 * transaction.
 *
 * @example
 * const costs = await sendKeyCosts(db, table, countKeyWrites(db), "ed_x");
 */
export async function sendKeyCosts(
  client: DynamoDBDocumentClient,
  table: string,
  writes: Map<string, KeyTally>,
  id: string,
): Promise<Map<string, KeyCost>> {
  const tallies = [...writes.values()];
  const sizes = new Map<string, number>();
  for (let i = 0; i < tallies.length; i += 100) {
    const Keys = tallies.slice(i, i + 100).map(({ pk, sk }) => ({ pk, sk }));
    const out = await client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys } } }));
    for (const item of out.Responses?.[table] ?? []) {
      sizes.set(`${item.pk}|${item.sk}`, Buffer.byteLength(JSON.stringify(item)));
    }
  }
  const costs = new Map<string, KeyCost>();
  for (const t of tallies) {
    const sizeBytes = sizes.get(`${t.pk}|${t.sk}`) ?? 0;
    const key = kindOf(t, id);
    const cost = costs.get(key) ?? { key, writes: 0, units: 0, sizeBytes };
    cost.writes += t.writes;
    cost.units += Math.max(1, Math.ceil(sizeBytes / 1024)) * (t.writes + t.transactional);
    cost.sizeBytes = Math.max(cost.sizeBytes, sizeBytes);
    costs.set(key, cost);
  }
  return costs;
}

/** A kind of key's writes and write units a second at a send rate. */
export interface KeyLoad extends KeyCost {
  writesPerSecond: number;
  unitsPerSecond: number;
}

/**
 * The load on each kind of key at `rate` recipients a second, from two sends of different sizes: what
 * the larger one wrote more, per recipient more, times the rate (a send's fixed writes, its status
 * changes and its render, fall out). Busiest first.
 *
 * @example
 * const [busiest] = keyLoadsAt(10_000, { costs: small, recipients: 300 }, { costs: large, recipients: 1_300 });
 */
export function keyLoadsAt(
  rate: number,
  small: { costs: Map<string, KeyCost>; recipients: number },
  large: { costs: Map<string, KeyCost>; recipients: number },
): KeyLoad[] {
  const perRecipient = rate / (large.recipients - small.recipients);
  return [...large.costs.values()]
    .map((c) => {
      const before = small.costs.get(c.key);
      return {
        ...c,
        writesPerSecond: Math.max(0, c.writes - (before?.writes ?? 0)) * perRecipient,
        unitsPerSecond: Math.max(0, c.units - (before?.units ?? 0)) * perRecipient,
      };
    })
    .sort((a, b) => b.unitsPerSecond - a.unitsPerSecond);
}
