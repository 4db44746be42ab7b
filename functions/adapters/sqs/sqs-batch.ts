import type { Logger } from "@aws-lambda-powertools/logger";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import type { z } from "zod";
import { loggableError } from "../../domain/redact.js";

/**
 * Works off an SQS batch with partial failures: every record runs concurrently; a record whose work
 * answers `retry` or throws is reported in `batchItemFailures`, so SQS redelivers only that one after
 * its visibility timeout (and moves it to the DLQ after maxReceiveCount). A body that does not parse
 * is logged and dropped: redelivering it can never succeed.
 *
 * @example
 * export const handler = (event: SQSEvent) => handleSqsBatch(event, SendJob, (job) => sendChunk(ports, job), log);
 */
export async function handleSqsBatch<S extends z.ZodType>(
  event: SQSEvent,
  schema: S,
  work: (job: z.infer<S>) => Promise<"done" | "retry" | undefined>,
  log: Logger,
): Promise<SQSBatchResponse> {
  const failures = await Promise.all(
    event.Records.map(async (record) => {
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        body = undefined;
      }
      const job = schema.safeParse(body);
      if (!job.success) {
        log.error("dropping a malformed queue message", { messageId: record.messageId });
        return undefined;
      }
      try {
        return (await work(job.data)) === "retry" ? record.messageId : undefined;
      } catch (error) {
        log.warn("job failed; it will be retried", {
          messageId: record.messageId,
          error: loggableError(error),
        });
        return record.messageId;
      }
    }),
  );
  return {
    batchItemFailures: failures
      .filter((id): id is string => id !== undefined)
      .map((itemIdentifier) => ({ itemIdentifier })),
  };
}
