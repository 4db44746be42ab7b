import type { DynamoDBDocumentClient, TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";

/**
 * Why DynamoDB cancels a transaction, from its `CancellationReasons` (one per item, in order).
 * Only `ConditionalCheckFailed` is an answer ("the item is not as you saw it"); these say nothing
 * about the items and nothing was written, so the same transaction is simply tried again.
 */
const TRANSIENT_REASONS = new Set([
  "TransactionConflict",
  "ThrottlingError",
  "ProvisionedThroughputExceeded",
  "RequestLimitExceeded",
]);

type Cancelled = { name?: string; CancellationReasons?: Array<{ Code?: string }> } | undefined;

/** The reason codes of a cancelled transaction; `undefined` for any other error. */
export function cancellationCodes(error: unknown): string[] | undefined {
  const e = error as Cancelled;
  if (e?.name !== "TransactionCanceledException") return undefined;
  return (e.CancellationReasons ?? []).map((r) => r.Code ?? "None");
}

/**
 * A write refused for a moment rather than for what it says: a transaction cancelled only for
 * conflicts or throttling, or a single write that met another's transaction on its item
 * (`TransactionConflictException`, which the SDK's own retries leave alone). DynamoDB Local
 * produces none of these; DynamoDB does under load.
 */
export function isTransientWriteFailure(error: unknown): boolean {
  if ((error as Cancelled)?.name === "TransactionConflictException") return true;
  const codes = cancellationCodes(error);
  if (!codes) return false;
  return !codes.includes("ConditionalCheckFailed") && codes.some((c) => TRANSIENT_REASONS.has(c));
}

/**
 * Runs a write, again after a jittered, growing pause while it fails transiently (up to `attempts`
 * tries, about 2.5 s in all at most); any other failure, a failed condition included, is thrown.
 *
 * @example
 * await retryingTransient(() => db.send(new UpdateCommand(input)));
 */
export async function retryingTransient<T>(write: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isTransientWriteFailure(error) || attempt >= attempts) throw error;
      // "Full jitter": writers that collided once do not collide again in step.
      await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));
    }
  }
}

/** DynamoDB's cap on the items of one `TransactWriteItems`. */
export const TRANSACTION_ITEMS = 100;

/**
 * A `TransactWriteItems` that is retried while DynamoDB cancels it for conflicts or throttling.
 *
 * @example
 * await writeTransaction(db, { TransactItems: [{ Put: { TableName: table, Item: item } }] });
 */
export function writeTransaction(db: DynamoDBDocumentClient, input: TransactWriteCommandInput) {
  return retryingTransient(() => db.send(new TransactWriteCommand(input)));
}
