/**
 * The outcome of one recipient in a chunk. A chunk is the unit of sending (≤ 100 recipients, two SES
 * calls) and of exactly-once bookkeeping: a recipient with an outcome is never sent again.
 */
export type Outcome =
  | { kind: "sent"; messageId: string }
  | { kind: "failed"; error: string }
  | { kind: "skipped"; reason: string }
  | { kind: "unknown" }
  | { kind: "cancelled" };

/** How SES answered one entry of a bulk send, reduced to what the worker must do with it. */
export type EntryResult =
  | { kind: "sent"; messageId: string }
  | { kind: "failed"; error: string }
  | { kind: "retry" };

export interface ChunkState {
  recipients: string[];
  outcomes: Record<string, Outcome>;
  /** Recipients handed to SES by an attempt that has not recorded its outcome yet. */
  inflight: string[];
}

/** The recipients still owed a send: planned, without an outcome, and not lost in a dead attempt. */
export function pendingRecipients(chunk: ChunkState): string[] {
  return chunk.recipients.filter((r) => !chunk.outcomes[r]);
}

/**
 * An attempt that died after handing recipients to SES leaves them `inflight` without an outcome.
 * SES may have accepted them, so they become `unknown` and are never sent again: at most one
 * chunk's worth of recipients can land here, and it is counted.
 */
export function orphanedInflight(chunk: ChunkState): string[] {
  return chunk.inflight.filter((r) => !chunk.outcomes[r]);
}

export interface Tally {
  sent: number;
  failed: number;
  skipped: number;
  unknown: number;
  cancelled: number;
}

export function tally(outcomes: Iterable<Outcome>): Tally {
  const t: Tally = { sent: 0, failed: 0, skipped: 0, unknown: 0, cancelled: 0 };
  for (const o of outcomes) t[o.kind]++;
  return t;
}
