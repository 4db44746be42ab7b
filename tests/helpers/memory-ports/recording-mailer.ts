import type { EntryResult } from "../../../functions/domain/chunk.js";
import { MailerRejected, MailerThrottled } from "../../../functions/flows/errors.js";
import type { BulkMessage, Mailer, SingleMessage } from "../../../functions/flows/ports.js";

/**
 * How the mailer answers one call, as SES would:
 * - `accept`: every entry sent;
 * - `refuse`: the call rejected (`MailerRejected`), nothing sent;
 * - `throttle`: the whole call throttled (`MailerThrottled`), nothing sent;
 * - `lose`: SES sends every entry but the answer never arrives (a timeout: the caller cannot know);
 * - `{ throttle, fail }`: entries to these addresses throttled (`retry`) or failed, the rest sent.
 */
export type MailerAnswer =
  | "accept"
  | "refuse"
  | "throttle"
  | "lose"
  | { throttle?: string[]; fail?: string[] };

export interface RecordingMailer extends Mailer {
  /** Every bulk call, answered or not, in order. */
  calls: BulkMessage[];
  /** Addresses SES took, in order: an address twice here is a reader mailed twice. */
  delivered: string[];
  singles: SingleMessage[];
  /** Scripts the next calls, one answer each; calls past the script are accepted. */
  answer(...answers: MailerAnswer[]): void;
}

/**
 * A mailer that records what it is asked to send and answers as scripted, for the send paths the
 * SES stand-in cannot produce (throttling, refusals, lost answers).
 *
 * @example
 * const mailer = recordingMailer();
 * mailer.answer("throttle", { fail: ["b@example.com"] });
 */
export function recordingMailer(): RecordingMailer {
  const script: MailerAnswer[] = [];
  const calls: BulkMessage[] = [];
  const delivered: string[] = [];
  const singles: SingleMessage[] = [];
  let messages = 0;
  const messageId = () => `msg-${++messages}`;
  return {
    calls,
    delivered,
    singles,
    answer: (...answers) => void script.push(...answers),
    async sendBulk(message) {
      calls.push(structuredClone(message));
      const answer = script.shift() ?? "accept";
      if (answer === "refuse") throw new MailerRejected("MessageRejected: Email address is not verified");
      if (answer === "throttle")
        throw new MailerThrottled("TooManyRequestsException: Maximum sending rate exceeded");
      const recipients = message.entries.map((e) => e.to);
      if (answer === "lose") {
        delivered.push(...recipients);
        throw new Error("socket hang up");
      }
      const { throttle = [], fail = [] } = answer === "accept" ? {} : answer;
      return recipients.map((to): EntryResult => {
        if (throttle.includes(to)) return { kind: "retry" };
        if (fail.includes(to)) return { kind: "failed", error: "MessageRejected" };
        delivered.push(to);
        return { kind: "sent", messageId: messageId() };
      });
    },
    async sendOne(message) {
      const answer = script.shift() ?? "accept";
      if (answer === "refuse") throw new MailerRejected("MessageRejected");
      if (answer === "throttle") throw new MailerThrottled("TooManyRequestsException");
      singles.push(structuredClone(message));
      delivered.push(message.to);
      if (answer === "lose") throw new Error("socket hang up");
      return { messageId: messageId() };
    },
  };
}
