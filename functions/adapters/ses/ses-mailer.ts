import {
  type SESv2Client,
  SendBulkEmailCommand,
  type SendBulkEmailCommandOutput,
  SendEmailCommand,
  type SendEmailCommandOutput,
} from "@aws-sdk/client-sesv2";
import type { EntryResult } from "../../domain/chunk.js";
import { MailerRejected, MailerThrottled } from "../../flows/errors.js";
import type { BulkMessage, Mailer } from "../../flows/ports.js";

/** Entry statuses that mean "not sent, and worth trying again later". */
const RETRYABLE = new Set([
  "ACCOUNT_THROTTLED",
  "ACCOUNT_SENDING_PAUSED",
  "TRANSIENT_FAILURE",
  "ACCOUNT_DAILY_QUOTA_EXCEEDED",
]);

/** Error names and messages with which SES refuses a whole call for rate. */
export function isThrottle(error: unknown): boolean {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e?.name === "TooManyRequestsException" ||
    e?.name === "Throttling" ||
    e?.name === "ThrottlingException" ||
    e?.name === "LimitExceededException" ||
    e?.$metadata?.httpStatusCode === 429 ||
    /maximum sending rate exceeded/i.test(e?.message ?? "")
  );
}

/**
 * What an SES error means for the caller: throttled (try later), rejected (nothing was sent), or —
 * for a timeout or a dropped connection, which have no status code — unknown, passed on as it is.
 */
function classify(error: unknown): unknown {
  if (isThrottle(error)) return new MailerThrottled((error as Error).message, { cause: error });
  if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode) {
    return new MailerRejected(`${(error as Error).name}: ${(error as Error).message}`, { cause: error });
  }
  return error;
}

/**
 * The mailer over SES v2 `SendBulkEmail` with an inline template: one call per 50 recipients of a
 * chunk, per-recipient template data and headers. It is the only code that knows SES's request and result shapes.
 */
export function sesMailer(ses: SESv2Client, configurationSet?: string): Mailer {
  return {
    async sendOne(message) {
      let out: SendEmailCommandOutput;
      try {
        out = await ses.send(
          new SendEmailCommand({
            FromEmailAddress: message.from,
            ReplyToAddresses: message.replyTo ? [message.replyTo] : undefined,
            Destination: { ToAddresses: [message.to] },
            ConfigurationSetName: configurationSet,
            EmailTags: Object.entries(message.tags).map(([Name, Value]) => ({ Name, Value })),
            Content: {
              Simple: {
                Subject: { Data: message.subject, Charset: "UTF-8" },
                Body: {
                  Html: { Data: message.html, Charset: "UTF-8" },
                  Text: { Data: message.text, Charset: "UTF-8" },
                },
              },
            },
          }),
        );
      } catch (error) {
        throw classify(error);
      }
      return { messageId: out.MessageId ?? "" };
    },
    async sendBulk(message: BulkMessage): Promise<EntryResult[]> {
      const command = new SendBulkEmailCommand({
        FromEmailAddress: message.from,
        ReplyToAddresses: message.replyTo ? [message.replyTo] : undefined,
        ConfigurationSetName: configurationSet,
        DefaultEmailTags: Object.entries(message.tags).map(([Name, Value]) => ({ Name, Value })),
        DefaultContent: {
          Template: {
            TemplateContent: { Subject: message.subject, Html: message.html, Text: message.text },
            TemplateData: "{}",
          },
        },
        BulkEmailEntries: message.entries.map((e) => ({
          Destination: { ToAddresses: [e.to] },
          ReplacementEmailContent: {
            ReplacementTemplate: { ReplacementTemplateData: JSON.stringify(e.data) },
          },
          ReplacementHeaders: e.headers.map((h) => ({ Name: h.name, Value: h.value })),
          ...(e.tags
            ? { ReplacementTags: Object.entries(e.tags).map(([Name, Value]) => ({ Name, Value })) }
            : {}),
        })),
      });
      let output: SendBulkEmailCommandOutput;
      try {
        output = await ses.send(command);
      } catch (error) {
        throw classify(error);
      }
      const entries = output.BulkEmailEntryResults ?? [];
      return message.entries.map((_, i): EntryResult => {
        const r = entries[i];
        if (!r) return { kind: "retry" };
        if (r.Status === "SUCCESS") return { kind: "sent", messageId: r.MessageId ?? "" };
        if (r.Status && RETRYABLE.has(r.Status)) return { kind: "retry" };
        return { kind: "failed", error: `${r.Status ?? "UNKNOWN"}: ${r.Error ?? ""}`.trim() };
      });
    },
  };
}
