import type { SesEventType } from "../domain/ses-event.js";
import type { Mailer } from "../flows/ports.js";

/**
 * SES's mailbox simulator, locally. On SES, mail to these addresses (labels allowed:
 * `bounce+x@simulator.amazonses.com`) produces the matching events; the SES stand-in produces none,
 * so this does, in the very format SES publishes its events (configuration-set event publishing).
 */
const SIMULATOR = /^(success|bounce|ooto|complaint|suppressionlist)(\+[^@]*)?@simulator\.amazonses\.com$/i;

type Scenario = "success" | "bounce" | "ooto" | "complaint" | "suppressionlist";

export interface SimulatedMessage {
  messageId: string;
  from: string;
  to: string;
  tags: Record<string, string>;
  at: Date;
}

/** The SES events mail to `to` produces, in order; none for an address outside the simulator. */
export function simulatorEvents(m: SimulatedMessage): Array<Record<string, unknown>> {
  const scenario = SIMULATOR.exec(m.to.trim())?.[1]?.toLowerCase() as Scenario | undefined;
  if (!scenario) return [];
  const later = (seconds: number) => new Date(m.at.getTime() + seconds * 1000).toISOString();
  const mail = {
    timestamp: m.at.toISOString(),
    source: m.from,
    sourceArn: "arn:aws:ses:local:000000000000:identity/herald.localhost",
    sendingAccountId: "000000000000",
    messageId: m.messageId,
    destination: [m.to],
    headersTruncated: false,
    tags: Object.fromEntries(Object.entries(m.tags).map(([k, v]) => [k, [v]])),
  };
  const event = (eventType: SesEventType, detail: Record<string, unknown>) => ({
    eventType,
    mail,
    ...detail,
  });
  const delivery = event("Delivery", {
    delivery: {
      timestamp: later(1),
      processingTimeMillis: 1000,
      recipients: [m.to],
      smtpResponse: "250 2.6.0 Message received",
      reportingMTA: "a8-70.smtp-out.amazonses.com",
    },
  });
  const bounce = (bounceType: string, bounceSubType: string, status: string, diagnosticCode: string) =>
    event("Bounce", {
      bounce: {
        bounceType,
        bounceSubType,
        bouncedRecipients: [{ emailAddress: m.to, action: "failed", status, diagnosticCode }],
        timestamp: later(2),
        feedbackId: `${m.messageId}-bounce`,
        reportingMTA: "dsn; a8-70.smtp-out.amazonses.com",
      },
    });
  switch (scenario) {
    case "success":
      return [delivery];
    case "bounce":
      return [bounce("Permanent", "General", "5.1.1", "smtp; 550 5.1.1 user unknown")];
    case "suppressionlist":
      return [
        bounce(
          "Permanent",
          "OnAccountSuppressionList",
          "5.1.1",
          "Amazon SES has suppressed sending to this address because it has a recent history of bouncing as an invalid address.",
        ),
      ];
    case "ooto":
      // Delivered; the out-of-office reply comes back as a soft bounce.
      return [delivery, bounce("Transient", "General", "4.0.0", "smtp; 250 OK auto-reply")];
    case "complaint":
      return [
        delivery,
        event("Complaint", {
          complaint: {
            complainedRecipients: [{ emailAddress: m.to }],
            timestamp: later(3),
            feedbackId: `${m.messageId}-complaint`,
            complaintFeedbackType: "abuse",
            arrivalDate: later(3),
          },
        }),
      ];
  }
}

/**
 * Wraps a mailer so that every message SES accepted for a simulator address publishes its events to
 * `publish` (the local SES events topic) after the call returns: the sender is never held up.
 */
export function withMailboxSimulator(
  mailer: Mailer,
  publish: (message: string) => void,
  now: () => Date = () => new Date(),
): Mailer {
  const emit = (m: SimulatedMessage) => {
    for (const event of simulatorEvents(m)) publish(JSON.stringify(event));
  };
  return {
    ...mailer,
    async sendBulk(message) {
      const results = await mailer.sendBulk(message);
      results.forEach((r, i) => {
        const to = message.entries[i]?.to;
        // Tested first: every recipient of a send passes here, and almost none is the simulator's.
        if (r.kind === "sent" && to && SIMULATOR.test(to.trim()))
          emit({
            messageId: r.messageId,
            from: message.from,
            to,
            tags: { ...message.tags, ...message.entries[i]?.tags },
            at: now(),
          });
      });
      return results;
    },
    async sendOne(message) {
      const sent = await mailer.sendOne(message);
      emit({ messageId: sent.messageId, from: message.from, to: message.to, tags: message.tags, at: now() });
      return sent;
    },
  };
}
