import { SendMessageBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { MAX_DELAY_SECONDS, type Queue } from "../../flows/ports.js";

/**
 * A queue over SQS: messages go out ten to a SendMessageBatch call; partial failures are resent. A
 * delay becomes each entry's `DelaySeconds`, which SQS caps at 900.
 */
export function sqsQueue<T>(sqs: SQSClient, queueUrl: string): Queue<T> {
  return {
    async send(messages, options = {}) {
      const delay = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(options.delaySeconds ?? 0)));
      for (let i = 0; i < messages.length; i += 10) {
        let batch = messages.slice(i, i + 10).map((m, j) => ({
          Id: String(j),
          MessageBody: JSON.stringify(m),
          ...(delay > 0 ? { DelaySeconds: delay } : {}),
        }));
        for (let attempt = 0; batch.length > 0; attempt++) {
          if (attempt >= 5) throw new Error(`SQS refused ${batch.length} messages after 5 attempts`);
          if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
          const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch }));
          const failed = new Set((out.Failed ?? []).map((f) => f.Id));
          batch = batch.filter((e) => failed.has(e.Id));
        }
      }
    },
  };
}
