import type { EngagementMark } from "../../domain/tracking/engagement-mark.js";

/** Counter moves for one email (edition or briefing): per email, per link, per timeline bucket. */
export interface CounterDeltas {
  message: Record<string, number>;
  /** By link key; `url` is set when the writer knows it (the link that was clicked). */
  links: Record<string, { url?: string; by: Record<string, number> }>;
  /** By timeline bucket (`domain/tracking/time-bucket.ts`). */
  timeline: Record<string, Record<string, number>>;
}

/** An email's counters, summed over their shards. */
export interface TargetCounters {
  message: Record<string, number>;
  links: Array<{ key: string; url: string; counts: Record<string, number> }>;
  timeline: Array<{ bucket: string; counts: Record<string, number> }>;
}

/** One recipient's mark on one email. */
export interface MarkRef {
  recipient: string;
  target: string;
}

/** A mark to write if it is still at `version` (0: absent). */
export interface MarkWrite extends MarkRef {
  mark: EngagementMark;
  version: number;
  /** Unix seconds after which the table may drop it (TTL). */
  expiresAt: number;
}

/** What became of a batch's mark writes, by index into them; every other one was written. */
export interface MarkWriteOutcome {
  refused: Set<number>;
  failed?: { indexes: Set<number>; error: unknown };
}

/** Per-recipient marks (TTL), read and written by the engagement recorder only. */
export interface EngagementMarks {
  /** The marks of `refs`, in their order; `undefined` where there is none. */
  getMarks(refs: MarkRef[]): Promise<Array<{ mark: EngagementMark; version: number } | undefined>>;
  /**
   * Writes each mark still at its version. Answers the indexes of those another write came before
   * (`refused`) and, when the store failed for some, those not known to be written with the first
   * error (`failed`): the rest were written, and their counters must move before the error is thrown.
   */
  putMarks(writes: MarkWrite[]): Promise<MarkWriteOutcome>;
}

/** Engagement with sent emails: aggregated, sharded counters, and erasure of a recipient's marks. */
export interface EngagementStore {
  add(target: string, deltas: CounterDeltas): Promise<void>;
  /** Deletes every mark of a recipient (erasure); counters, being aggregates, stay. */
  forget(recipient: string): Promise<void>;
}

/** Audience counters per UTC day, as `<event>|<scope>` fields (`domain/audience-series.ts`). */
export interface AudienceCounters {
  add(day: string, deltas: Record<string, number>): Promise<void>;
}

/** What the stats endpoints read: counters summed over their shards. */
export interface StatsReader {
  engagement(target: string): Promise<TargetCounters>;
  /** Summed fields per day for `from`..`to` (YYYY-MM-DD, inclusive); absent days are absent. */
  audience(from: string, to: string): Promise<Map<string, Record<string, number>>>;
}
