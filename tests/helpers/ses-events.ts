import type { SQSEvent } from "aws-lambda";
import { eventBridgeEnvelope } from "../../functions/adapters/sqs/ses-event-batch.js";
import { sqsEvent } from "./lambda-events.js";

/**
 * SES event records as SES publishes them (shapes from the SES developer guide's examples),
 * for tests that feed the feedback handler directly.
 */
export function sesEvent(
  eventType: string,
  to: string,
  {
    messageId = "0100019a-test-message-000000",
    edition,
    detail = {},
  }: { messageId?: string; edition?: string; detail?: Record<string, unknown> } = {},
) {
  return {
    eventType,
    mail: {
      timestamp: "2026-11-25T10:00:00.000Z",
      source: "The Daily Herald <news@herald.localhost>",
      sendingAccountId: "123456789012",
      messageId,
      destination: [to],
      headersTruncated: false,
      tags: { "ses:configuration-set": ["herald"], ...(edition ? { edition: [edition] } : {}) },
    },
    ...detail,
  };
}

export const bounceDetail = (to: string, bounceType = "Permanent") => ({
  bounce: {
    bounceType,
    bounceSubType: "General",
    bouncedRecipients: [
      { emailAddress: to, action: "failed", status: "5.1.1", diagnosticCode: "smtp; 550 5.1.1 user unknown" },
    ],
    timestamp: "2026-11-25T10:00:02.000Z",
    feedbackId: "feedback-1",
  },
});

export const complaintDetail = (to: string) => ({
  complaint: {
    complainedRecipients: [{ emailAddress: to }],
    timestamp: "2026-11-25T10:00:03.000Z",
    feedbackId: "feedback-2",
    complaintFeedbackType: "abuse",
  },
});

/**
 * SES events as the SES events queue delivers them: each wrapped as EventBridge's default bus wraps
 * it, one SQS record each. A string is taken as the event's JSON (or garbage, left as it is).
 */
export function queuedEvents(...messages: unknown[]): SQSEvent {
  const detail = (m: unknown) => {
    if (typeof m !== "string") return m;
    try {
      return JSON.parse(m);
    } catch {
      return m;
    }
  };
  return sqsEvent(
    "ses-events",
    messages.map((m) => JSON.stringify(eventBridgeEnvelope(detail(m)))),
  );
}
