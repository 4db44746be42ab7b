import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { batchGetAll } from "./batch-get.js";

type Key = { pk: string; sk: string };
type Item = Record<string, unknown>;

interface Gathering {
  keys: Map<string, Key>;
  waiters: Array<{ keys: Key[]; resolve(items: Item[]): void; reject(error: unknown): void }>;
}

const id = (k: { pk: unknown; sk: unknown }) => `${k.pk}\u0000${k.sk}`;
const gatherings = new WeakMap<DynamoDBDocumentClient, Map<string, Gathering>>();

/**
 * A strongly consistent read of whole items by key, made together with every other such read of the
 * same table asked for in the same turn of the event loop: one BatchGetItem of up to 100 keys instead
 * of one each. The send worker reads a chunk's 50 subscribers, their 50 suppressions and its
 * edition's progress at once; each BatchGet costs about as much CPU for its SDK round trip as for
 * its items, so three become two. Each caller gets the items of its own keys (in no order).
 *
 * @example
 * const [subs, supp] = await Promise.all([coalescedGet(db, t, subKeys), coalescedGet(db, t, suppKeys)]);
 */
export function coalescedGet(db: DynamoDBDocumentClient, table: string, keys: Key[]): Promise<Item[]> {
  const byTable = gatherings.get(db) ?? new Map<string, Gathering>();
  gatherings.set(db, byTable);
  let gathering = byTable.get(table);
  if (!gathering) {
    const started: Gathering = { keys: new Map(), waiters: [] };
    gathering = started;
    byTable.set(table, started);
    queueMicrotask(() => {
      byTable.delete(table);
      read(db, table, started);
    });
  }
  for (const k of keys) gathering.keys.set(id(k), k);
  const waiters = gathering.waiters;
  return new Promise((resolve, reject) => waiters.push({ keys, resolve, reject }));
}

async function read(db: DynamoDBDocumentClient, table: string, { keys, waiters }: Gathering) {
  try {
    // Keys asked for twice are read once: DynamoDB refuses a BatchGet that names a key twice.
    const found = new Map((await batchGetAll(db, table, [...keys.values()])).map((i) => [id(i as Key), i]));
    for (const w of waiters) {
      w.resolve(
        w.keys.flatMap((k): Item[] => {
          const item = found.get(id(k));
          return item ? [item] : [];
        }),
      );
    }
  } catch (error) {
    for (const w of waiters) w.reject(error);
  }
}
