import type { EntryResult } from "../../domain/chunk.js";

/** Sending email: the only port that reaches SES. */

export interface BulkEntry {
  to: string;
  data: Record<string, string>;
  headers: Array<{ name: string; value: string }>;
  /** Message tags of this entry alone, on top of the message's (its position in the chunk). */
  tags?: Record<string, string>;
}

export interface BulkMessage {
  from: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  entries: BulkEntry[];
  tags: Record<string, string>;
}

/** One email to one address (confirmations): no template, no list headers. */
export interface SingleMessage {
  from: string;
  replyTo?: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  tags: Record<string, string>;
}

export interface Mailer {
  /**
   * One result per entry, in order. Throws {@link MailerThrottled} when the whole call was throttled,
   * {@link MailerRejected} when SES refused it otherwise; anything else leaves the outcome unknown.
   */
  sendBulk(message: BulkMessage): Promise<EntryResult[]>;
  /** Sends one message; throws like `sendBulk` when SES refuses it. */
  sendOne(message: SingleMessage): Promise<{ messageId: string }>;
}
