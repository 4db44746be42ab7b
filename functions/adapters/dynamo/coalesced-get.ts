import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Freshness } from "../../flows/ports/subscribers.js";
import { batchGetAll } from "./batch-get.js";
import { projectionOf } from "./indexed-items.js";

type Key = { pk: string; sk: string };
type Item = Record<string, unknown>;

interface Gathering {
  keys: Map<string, Key>;
  /** The attributes some caller wants besides the keys; `all` once any caller wants whole items. */
  attributes: Set<string> | "all";
  waiters: Array<{ keys: Key[]; resolve(items: Item[]): void; reject(error: unknown): void }>;
}

const id = (k: { pk: unknown; sk: unknown }) => `${k.pk}\u0000${k.sk}`;
const gatherings = new WeakMap<DynamoDBDocumentClient, Map<string, Gathering>>();

/**
 * A read of items by key, made together with every other read of the same table and freshness
 * asked for in the same turn of the event loop: one BatchGetItem of up to 100 keys instead of one
 * each. The send worker reads a chunk's 100 subscribers and their 100 suppressions at once, `recent`
 * (eventually consistent: half the read units), and its edition's progress, `latest` (strongly
 * consistent, the fence of a pause). Each caller gets the items of its own keys (in no order).
 * `attributes` names what a caller needs besides `pk` and `sk` (none: whole items); the read
 * carries what any of its callers needs, so a caller may get more than it asked for, never less.
 *
 * @example
 * const [subs, supp] = await Promise.all([
 *   coalescedGet(db, t, subKeys, "recent", ["email", "status"]),
 *   coalescedGet(db, t, suppKeys, "recent", []),
 * ]);
 */
export function coalescedGet(
  db: DynamoDBDocumentClient,
  table: string,
  keys: Key[],
  freshness: Freshness = "latest",
  attributes?: readonly string[],
): Promise<Item[]> {
  const byTable = gatherings.get(db) ?? new Map<string, Gathering>();
  gatherings.set(db, byTable);
  const at = `${freshness} ${table}`;
  let gathering = byTable.get(at);
  if (!gathering) {
    const started: Gathering = { keys: new Map(), attributes: new Set(), waiters: [] };
    gathering = started;
    byTable.set(at, started);
    queueMicrotask(() => {
      byTable.delete(at);
      read(db, table, started, freshness);
    });
  }
  for (const k of keys) gathering.keys.set(id(k), k);
  if (!attributes) gathering.attributes = "all";
  else if (gathering.attributes !== "all") for (const a of attributes) gathering.attributes.add(a);
  const waiters = gathering.waiters;
  return new Promise((resolve, reject) => waiters.push({ keys, resolve, reject }));
}

async function read(
  db: DynamoDBDocumentClient,
  table: string,
  { keys, attributes, waiters }: Gathering,
  freshness: Freshness,
) {
  const projection =
    attributes === "all" ? undefined : projectionOf([...new Set(["pk", "sk", ...attributes])]);
  try {
    // Keys asked for twice are read once: DynamoDB refuses a BatchGet that names a key twice.
    const found = new Map(
      (await batchGetAll(db, table, [...keys.values()], projection, freshness)).map((i) => [id(i as Key), i]),
    );
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
