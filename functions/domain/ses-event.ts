import * as z from "zod";
import { BriefingId } from "./briefing/schedule.js";
import { EditionId } from "./edition.js";
import { redactEmails } from "./redact.js";
import { normalizeEmail, subscriberId } from "./subscriber.js";

/**
 * SES event publishing records (configuration set → EventBridge, the `detail` of each event; the same
 * record SES publishes to SNS), as the SES developer guide documents them ("Contents of event data
 * that Amazon SES publishes to Amazon SNS"). Only the fields Herald acts on
 * are required; everything else SES adds (headers, commonHeaders, timestamps, …) passes untouched.
 */
export const SES_EVENT_TYPES = [
  "Bounce",
  "Complaint",
  "Delivery",
  "Send",
  "Reject",
  "Open",
  "Click",
  "Rendering Failure", // SES spells this one with a space
  "DeliveryDelay",
  "Subscription",
] as const;
export type SesEventType = (typeof SES_EVENT_TYPES)[number];

const Recipient = z.looseObject({ emailAddress: z.string().max(1000) });

export const SesEvent = z.looseObject({
  eventType: z.enum(SES_EVENT_TYPES),
  mail: z.looseObject({
    messageId: z.string().min(1).max(300),
    destination: z.array(z.string().max(1000)).max(100).default([]),
    /** Message tags, each a list of values; the send worker sets `edition`. */
    tags: z.record(z.string(), z.array(z.string())).optional(),
  }),
  bounce: z
    .looseObject({
      bounceType: z.enum(["Permanent", "Transient", "Undetermined"]),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(Recipient).max(100),
    })
    .optional(),
  complaint: z
    .looseObject({
      complainedRecipients: z.array(Recipient).max(100),
      complaintFeedbackType: z.string().optional(),
    })
    .optional(),
  delivery: z.looseObject({ recipients: z.array(z.string().max(1000)).max(100) }).optional(),
  reject: z.looseObject({ reason: z.string().optional() }).optional(),
  failure: z
    .looseObject({ errorMessage: z.string().optional(), templateName: z.string().optional() })
    .optional(),
  deliveryDelay: z.looseObject({ delayType: z.string().optional() }).optional(),
});
export type SesEvent = z.infer<typeof SesEvent>;

/** The edition counters SES events move. */
export type FeedbackCounter = "bounced" | "complained" | "delivered" | "failed";

/**
 * What one event asks of Herald, per recipient. Recipients are subscriber ids (hashes), never
 * addresses: a plan can be logged as it is. `mark` names the event for deduplication: its queue delivers
 * at least once, and the same mark is applied once only.
 */
export type FeedbackAction =
  | { kind: "hard-bounce"; subscriberId: string; mark: string }
  | { kind: "soft-bounce"; subscriberId: string; mark: string }
  | { kind: "complaint"; subscriberId: string; mark: string }
  | { kind: "count"; counter: FeedbackCounter; subscriberId: string; mark: string };

export interface FeedbackPlan {
  eventType: SesEventType;
  messageId: string;
  /** The edition or briefing the message belongs to; test sends and confirmations carry none. */
  editionId?: string;
  actions: FeedbackAction[];
  /** Why SES refused or dropped the message (Reject, Rendering Failure, DeliveryDelay), addresses removed. */
  note?: string;
  /** Recipients that were not valid addresses and so could not be matched to anyone. */
  unmatched: number;
}

const COUNTER_OF: Partial<Record<SesEventType, FeedbackCounter>> = {
  Delivery: "delivered",
  Reject: "failed",
  "Rendering Failure": "failed",
};

/**
 * Turns one SES event into actions. Only a permanent bounce counts as `bounced` (it is what SES's
 * bounce rate measures); transient and undetermined ones are counted on the subscriber. SES's Open
 * and Click events ask for nothing: Herald counts opens and clicks itself (its redirect and pixel),
 * and the configuration set no longer asks SES for them, as asking turns SES's own tracking on; one
 * that still arrives (a configuration set of an older deployment) is accepted and ignored.
 */
export function planFeedback(event: SesEvent): FeedbackPlan {
  const { messageId } = event.mail;
  const tagged = event.mail.tags?.edition?.[0];
  // A briefing is kept in an edition's item shape: its feedback counts and pauses it the same way.
  const sent = tagged && (EditionId.safeParse(tagged).success || BriefingId.safeParse(tagged).success);
  const editionId = sent ? tagged : undefined;
  const plan: FeedbackPlan = { eventType: event.eventType, messageId, editionId, actions: [], unmatched: 0 };
  const ids = (addresses: string[]) => {
    const out: string[] = [];
    for (const address of addresses) {
      const email = normalizeEmail(address);
      if (email) out.push(subscriberId(email));
      else plan.unmatched++;
    }
    return [...new Set(out)];
  };
  const mark = (id: string) => `${messageId}#${event.eventType.replace(/\s/g, "")}#${id}`;

  switch (event.eventType) {
    case "Bounce": {
      const bounce = event.bounce;
      if (!bounce) break;
      const kind = bounce.bounceType === "Permanent" ? "hard-bounce" : "soft-bounce";
      for (const id of ids(bounce.bouncedRecipients.map((r) => r.emailAddress)))
        plan.actions.push({ kind, subscriberId: id, mark: mark(id) });
      break;
    }
    case "Complaint":
      for (const id of ids(event.complaint?.complainedRecipients.map((r) => r.emailAddress) ?? []))
        plan.actions.push({ kind: "complaint", subscriberId: id, mark: mark(id) });
      break;
    default: {
      const counter = COUNTER_OF[event.eventType];
      if (counter) {
        // A delivery names its recipients; the other events concern the whole message.
        const recipients = event.delivery?.recipients ?? event.mail.destination;
        for (const id of ids(recipients))
          plan.actions.push({ kind: "count", counter, subscriberId: id, mark: mark(id) });
      }
    }
  }
  const why = event.reject?.reason ?? event.failure?.errorMessage ?? event.deliveryDelay?.delayType;
  if (why) plan.note = redactEmails(why).slice(0, 300);
  return plan;
}
