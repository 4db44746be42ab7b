import { CHUNK_SIZE, SES_BULK_MAX } from "../functions/domain/audience.js";

/**
 * How many send workers may run at once so that, by design, SES is not asked for more than the
 * account's maximum send rate (recipients per second, the SES quota).
 *
 * The model: one worker invocation takes one SQS batch of up to `batchSize` chunks; each chunk holds
 * up to `chunkSize` recipients (two `SendBulkEmail` calls), and a batch takes about `secondsPerBatch`
 * to work off (status re-reads, the SES calls, the outcome transaction). So one busy worker
 * pushes at most `batchSize × chunkSize / secondsPerBatch` recipients per second into SES, and the
 * event source's `maxConcurrency` caps the number of busy workers:
 *
 *   maxConcurrency = clamp(floor(rate / recipientsPerInvocationPerSecond), 2, 1000)
 *
 * Rounding down keeps the fleet at or below the quota. The bounds are Lambda's: an SQS event source
 * accepts 2 to 1000. Below 2 × 1,000 = 2,000 recipients/s the floor of 2 workers could outrun the
 * quota; that is why the send worker is also told its share of the rate (`perWorkerRate`) to pace itself,
 * and why a throttled chunk goes back to the queue (`batchItemFailures`) instead of failing.
 */
export interface SendCapacityOptions {
  /** SQS messages (chunks) per invocation; also the event source's `batchSize`. */
  batchSize?: number;
  /**
   * Recipients per chunk. Unset: 100 (two `SendBulkEmail` calls), or 50 when a worker's share of
   * the quota could not send 100 within `PACED_BATCH_SECONDS`.
   */
  chunkSize?: number;
  /** Measured-order-of-magnitude time to work off one batch. */
  secondsPerBatch?: number;
}

export interface SendCapacity {
  /** Recipients the planner puts in a chunk (`HERALD_CHUNK_SIZE` of the render-and-plan function). */
  chunkSize: number;
  maxConcurrency: number;
  recipientsPerInvocationPerSecond: number;
  /** The share of the quota one worker may use: rate / maxConcurrency, in recipients per second. */
  perWorkerRate: number;
  /**
   * Chunks per invocation. A worker paces itself to `perWorkerRate`, so at a small quota ten chunks
   * would take longer than the function may run (10 × 100 recipients at 7/s is 143 s); the batch is cut
   * so a paced batch takes at most `PACED_BATCH_SECONDS`.
   */
  batchSize: number;
}

/** A third of the send function's 60 s: room for DynamoDB and SES latency after the pacing. */
export const PACED_BATCH_SECONDS = 20;

export const SEND_BATCH_SIZE = 10;
export const MIN_EVENT_SOURCE_CONCURRENCY = 2;
export const MAX_EVENT_SOURCE_CONCURRENCY = 1000;

export function sendCapacity(maxSendRate: number, options: SendCapacityOptions = {}): SendCapacity {
  const capacity = capacityFor(maxSendRate, { chunkSize: CHUNK_SIZE, ...options });
  // A chunk is paced as a whole: at a quota so small that one chunk of 100 outlasts a paced batch
  // (a sandbox's 1/s), chunks of one SES call keep each within the send function's time.
  const tooSlow = CHUNK_SIZE / capacity.perWorkerRate > PACED_BATCH_SECONDS;
  return options.chunkSize === undefined && tooSlow
    ? capacityFor(maxSendRate, { ...options, chunkSize: SES_BULK_MAX })
    : capacity;
}

function capacityFor(
  maxSendRate: number,
  options: SendCapacityOptions & { chunkSize: number },
): SendCapacity {
  const { batchSize = SEND_BATCH_SIZE, chunkSize, secondsPerBatch = 1 } = options;
  if (!Number.isFinite(maxSendRate) || maxSendRate <= 0) {
    throw new RangeError(`SES max send rate must be a positive number, got ${maxSendRate}`);
  }
  const recipientsPerInvocationPerSecond = (batchSize * chunkSize) / secondsPerBatch;
  const wanted = Math.floor(maxSendRate / recipientsPerInvocationPerSecond);
  const maxConcurrency = Math.min(
    MAX_EVENT_SOURCE_CONCURRENCY,
    Math.max(MIN_EVENT_SOURCE_CONCURRENCY, wanted),
  );
  const perWorkerRate = Math.max(1, Math.floor(maxSendRate / maxConcurrency));
  return {
    chunkSize,
    maxConcurrency,
    recipientsPerInvocationPerSecond,
    perWorkerRate,
    batchSize: Math.min(
      batchSize,
      Math.max(1, Math.floor((perWorkerRate * PACED_BATCH_SECONDS) / chunkSize)),
    ),
  };
}
