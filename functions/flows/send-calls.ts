import { SES_BULK_MAX } from "../domain/audience.js";
import type { Outcome } from "../domain/chunk.js";
import { MailerRejected, MailerThrottled } from "./errors.js";
import type { BulkEntry, BulkMessage, Mailer } from "./ports.js";

/** What a chunk's SES calls came to, for the chunk's record. */
export interface CallsResult {
  /** The recipients SES answered for (sent or failed), and those a lost call left `unknown`. */
  outcomes: Record<string, Outcome>;
  /** Some recipients were throttled: they stay pending and the chunk is tried again later. */
  retry: boolean;
  /** A call SES refused outright: its recipients stay pending (nothing was sent to them). */
  rejected?: MailerRejected;
  /** A call that died without an answer (a timeout, a dropped connection): SES may have sent it. */
  lost?: unknown;
}

/**
 * Sends a chunk's entries in SES calls of at most 50 (SES's cap), all at once, and sorts every
 * answer into the chunk's outcomes. Each call stands alone: a throttled or refused call leaves its
 * own recipients pending, a lost one makes its own `unknown`, and the other calls' answers count.
 *
 * @example
 * const { outcomes, retry } = await sendInCalls(ports.mailer, message, ids, entries);
 */
export async function sendInCalls(
  mailer: Mailer,
  message: Omit<BulkMessage, "entries">,
  ids: string[],
  entries: BulkEntry[],
): Promise<CallsResult> {
  const calls: Array<{ ids: string[]; entries: BulkEntry[] }> = [];
  for (let from = 0; from < entries.length; from += SES_BULK_MAX)
    calls.push({
      ids: ids.slice(from, from + SES_BULK_MAX),
      entries: entries.slice(from, from + SES_BULK_MAX),
    });
  const answers = await Promise.allSettled(
    calls.map((c) => mailer.sendBulk({ ...message, entries: c.entries })),
  );
  const result: CallsResult = { outcomes: {}, retry: false };
  answers.forEach((answer, k) => {
    const call = calls[k] as (typeof calls)[number];
    if (answer.status === "fulfilled") {
      answer.value.forEach((r, i) => {
        if (r.kind === "retry") result.retry = true;
        else result.outcomes[call.ids[i] as string] = r;
      });
    } else if (answer.reason instanceof MailerThrottled) result.retry = true;
    else if (answer.reason instanceof MailerRejected) result.rejected ??= answer.reason;
    else {
      result.lost ??= answer.reason;
      for (const id of call.ids) result.outcomes[id] = { kind: "unknown" };
    }
  });
  return result;
}
