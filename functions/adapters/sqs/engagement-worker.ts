import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { loggableError } from "../../domain/redact.js";
import { EngagementJob } from "../../flows/jobs.js";
import type { EngagementMarks, Ports } from "../../flows/ports.js";
import { recordEngagements } from "../../flows/record-engagements.js";

/**
 * The engagement queue's consumer: the whole batch is counted at once (`recordEngagements` writes a
 * few counters per batch, not per event). A body that does not parse is dropped; if counting fails,
 * every record comes back (replayed events count once, so a retry cannot inflate the figures).
 *
 * @example
 * queue.start(engagementWorker({ ...ports, marks: dynamoEngagementMarks(db, table) }));
 */
export const engagementWorker =
  (ports: Pick<Ports, "engagement" | "log"> & { marks: EngagementMarks }) =>
  async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const jobs = event.Records.flatMap((record) => {
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        body = undefined;
      }
      const job = EngagementJob.safeParse(body);
      if (job.success) return [job.data];
      ports.log.error("dropping a malformed engagement event", { messageId: record.messageId });
      return [];
    });
    try {
      await recordEngagements(ports, jobs);
      return { batchItemFailures: [] };
    } catch (error) {
      ports.log.warn("engagement batch failed; it will be retried", { error: loggableError(error) });
      return { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
    }
  };
