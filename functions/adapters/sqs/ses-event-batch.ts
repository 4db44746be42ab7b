import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { redactEmails } from "../../domain/redact.js";
import { SesEvent } from "../../domain/ses-event.js";
import { applyFeedbackBatch, type FeedbackBatchPorts } from "../../flows/apply-feedback-batch.js";

/**
 * The SES events queue's consumer. Each record's body is an EventBridge event whose `detail` is one
 * SES event (SES → the default event bus → a rule for Herald's configuration set → this queue). A
 * record that is not one is logged and dropped (delivering it again can never make it valid); the
 * events that could not be applied are reported in `batchItemFailures`, so SQS brings back only those.
 * Logs carry event types, SES message ids and edition ids, never an address.
 *
 * @example
 * export const handler = (event: SQSEvent) => sesEventBatchHandler({ ...ports, deliveries })(event);
 */
export const sesEventBatchHandler =
  (ports: FeedbackBatchPorts) =>
  async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const records = event?.Records ?? [];
    const parsed = records.flatMap((record) => {
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        body = undefined;
      }
      const ses = SesEvent.safeParse((body as { detail?: unknown } | undefined)?.detail);
      if (ses.success) return [{ messageId: record.messageId, event: ses.data }];
      ports.log.error("dropping a queued record that is not an SES event", {
        messageId: record.messageId,
        issues: ses.error.issues.slice(0, 5).map((i) => redactEmails(`${i.path.join(".")}: ${i.code}`)),
      });
      return [];
    });
    const failed = await applyFeedbackBatch(
      ports,
      parsed.map((p) => p.event),
    );
    return {
      batchItemFailures: failed.map((at) => ({
        itemIdentifier: (parsed[at] as { messageId: string }).messageId,
      })),
    };
  };

/** How SES wraps an event on the default event bus, as the queue receives it (and locally, as the stand-in sends it). */
export const eventBridgeEnvelope = (sesEvent: unknown) => ({
  version: "0",
  source: "aws.ses",
  "detail-type":
    DETAIL_TYPES[String((sesEvent as { eventType?: unknown } | null)?.eventType)] ?? "Email Event",
  detail: sesEvent,
});

const DETAIL_TYPES: Record<string, string> = {
  Delivery: "Email Delivered",
  Bounce: "Email Bounced",
  Complaint: "Email Complaint Received",
  Reject: "Email Rejected",
  Send: "Email Sent",
  "Rendering Failure": "Email Rendering Failed",
  DeliveryDelay: "Email Delivery Delayed",
};
