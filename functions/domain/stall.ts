import type { Counts } from "./edition.js";

/**
 * Statuses in which a fan-out (an edition or a daily briefing) is Herald's own work in progress: the
 * only ones recovery moves on. `paused` (and any status an editor sets, such as holding or
 * cancelling) is an editor's decision and is never resumed by recovery.
 */
export const RECOVERABLE_STATUSES: readonly string[] = ["queued", "rendering", "sending"];

/** Statuses after which nothing more is sent: the fan-out's unfinished-work marker can go. */
export const SETTLED_STATUSES: readonly string[] = ["sent", "failed", "cancelled"];

export interface Movement {
  status: string;
  updatedAt: string;
  /** The last time a chunk was recorded, a plan checkpoint moved or the status changed (ISO). */
  progressAt?: string;
}

/** When the fan-out last moved: its last progress, or its last status change when older items lack one. */
export function lastProgress(m: Movement): string {
  return m.progressAt && m.progressAt > m.updatedAt ? m.progressAt : m.updatedAt;
}

/**
 * Since when a fan-out has stopped moving, or `undefined` while it moves (or is not Herald's to
 * move). Stalled means recoverable and without progress for `stallSeconds`.
 *
 * @example
 * stalledSince({ status: "sending", updatedAt: "2026-01-01T10:00:00Z" }, new Date("2026-01-01T10:10:00Z"), 300);
 * // "2026-01-01T10:00:00Z"
 */
export function stalledSince(m: Movement, now: Date, stallSeconds: number): string | undefined {
  if (!RECOVERABLE_STATUSES.includes(m.status)) return undefined;
  const since = lastProgress(m);
  return Date.parse(since) <= now.getTime() - stallSeconds * 1000 ? since : undefined;
}

/** Recipients planned so far that have no outcome yet (planning may still add more). */
export function remainingRecipients(counts: Counts): number {
  return Math.max(0, counts.planned - counts.sent - counts.failed - counts.skipped - counts.unknown);
}
