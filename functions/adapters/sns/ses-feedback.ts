import type { SNSEvent } from "aws-lambda";
import { redactEmails } from "../../domain/redact.js";
import { planFeedback, SesEvent } from "../../domain/ses-event.js";
import { applyFeedback, type FeedbackPorts } from "../../flows/apply-feedback.js";

/**
 * The SES events topic's consumer: each SNS record's `Message` is one SES event (JSON). A record that
 * is not one is logged and skipped — delivering it again can never make it valid — while a failure
 * to apply a valid one (DynamoDB) throws, so Lambda's retry (or the local topic's) brings it back.
 * Logs carry event types, SES message ids and edition ids, never an address.
 *
 * @example
 * export const handler = async (event: SNSEvent) => sesFeedbackHandler(await awsPorts([]))(event);
 */
export const sesFeedbackHandler = (ports: FeedbackPorts) => async (event: SNSEvent) => {
  for (const record of event?.Records ?? []) {
    const snsMessageId = record?.Sns?.MessageId;
    let json: unknown;
    try {
      json = JSON.parse(String(record?.Sns?.Message));
    } catch {
      json = undefined;
    }
    const parsed = SesEvent.safeParse(json);
    if (!parsed.success) {
      ports.log.error("skipping an SNS record that is not an SES event", {
        snsMessageId,
        issues: parsed.error.issues.slice(0, 5).map((i) => redactEmails(`${i.path.join(".")}: ${i.code}`)),
      });
      continue;
    }
    const plan = planFeedback(parsed.data);
    if (plan.unmatched > 0) {
      ports.log.warn("SES event names recipients that are not addresses", {
        snsMessageId,
        unmatched: plan.unmatched,
      });
    }
    await applyFeedback(ports, plan);
    ports.log.info("SES event applied", {
      eventType: plan.eventType,
      messageId: plan.messageId,
      editionId: plan.editionId,
      actions: plan.actions.map((a) => (a.kind === "count" ? a.counter : a.kind)),
    });
  }
};
