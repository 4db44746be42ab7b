/**
 * Conditional writes are how the table keeps its invariants (exactly once, newest wins, versions):
 * a refused condition is an answer, not a failure. These two helpers are the one place that tells
 * the answer apart from an error, so repositories read as "write if …" instead of try/catch.
 */

type Refusal = { name?: string; CancellationReasons?: Array<{ Code?: string }> } | undefined;

/**
 * A write refused because an item was not as the condition said: a conditional write's
 * `ConditionalCheckFailedException`, or a transaction cancelled with a `ConditionalCheckFailed`
 * reason. A transaction cancelled for anything else (a conflict, throttling) is not one.
 */
export function isConditionFailure(error: unknown): boolean {
  const e = error as Refusal;
  if (e?.name === "ConditionalCheckFailedException") return true;
  if (e?.name !== "TransactionCanceledException") return false;
  return (e.CancellationReasons ?? []).some((r) => r.Code === "ConditionalCheckFailed");
}

/** Which items of a cancelled transaction failed their condition (`CancellationReasons`, in order). */
function refusedItems(error: unknown): boolean[] {
  return ((error as Refusal)?.CancellationReasons ?? []).map((r) => r.Code === "ConditionalCheckFailed");
}

/**
 * What a conditional write came to: written, with the write's output; or refused, with which items
 * of a transaction failed their condition (`refused[i]` for `TransactItems[i]`; empty for a single
 * write) and the refusal itself, for a caller that finds the refusal impossible and rethrows it.
 */
export type Conditional<T> =
  | { written: true; output: T }
  | { written: false; refused: boolean[]; error: unknown };

/**
 * Awaits a conditional write (a `send`, or a transaction through `writeTransaction`): a refused
 * condition comes back as `{ written: false }`; every other error is thrown.
 *
 * @example
 * const out = await conditionally(writeTransaction(db, { TransactItems: [markPut, counterUpdate] }));
 * if (!out.written) return out.refused[0] ? "duplicate" : "changed";
 */
export async function conditionally<T>(write: Promise<T>): Promise<Conditional<T>> {
  try {
    return { written: true, output: await write };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { written: false, refused: refusedItems(error), error };
  }
}

/**
 * Awaits a conditional write: `true` when it was written, `false` when its condition (or any
 * condition of a transaction) failed; every other error is thrown.
 *
 * @example
 * const created = await writeIf(
 *   db.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: "attribute_not_exists(pk)" })),
 * );
 */
export async function writeIf(write: Promise<unknown>): Promise<boolean> {
  return (await conditionally(write)).written;
}
