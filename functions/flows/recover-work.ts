import { loggableError } from "../domain/redact.js";
import { stalledSince } from "../domain/stall.js";
import type { Ports, WorkEntry } from "./ports.js";
import { recoverFanOut } from "./recover-fan-out.js";
import { recoverSignUp } from "./recover-sign-up.js";
import { recoverSocialPost } from "./recover-social.js";

export interface RecoveryOptions {
  /**
   * Work that has not moved for this long is queued again. Default: the configured stall time. The
   * local runtime passes 0 at start: its queues lived in the process that stopped, so nothing moves.
   */
  olderThanSeconds?: number;
}

export interface RecoveryReport {
  /** Unfinished work entries looked at. */
  entries: number;
  /** Fan-outs whose work was queued again, with the chunks queued. */
  fanOuts: Array<{ id: string; chunks: number; leased: number }>;
  /** Fan-outs stalled past the configured stall time: what the alarm counts. */
  stalled: Array<{ id: string; since: string }>;
  /** Sign-ups accepted but never applied, queued again. */
  signUps: number;
  confirmations: number;
  socialPosts: number;
  /** Entries removed because their work had finished. */
  closed: number;
}

/**
 * The recovery pass (at `npm start`, then on a timer; on AWS on a schedule): walks the unfinished
 * work and queues again whatever stopped moving: fan-outs (`queued` or `sending` without progress),
 * their chunks whose lease is over, social posts left claimed or never queued, sign-ups never
 * applied, confirmations never sent. Everything it queues is safe to receive twice, so a pass that
 * overlaps a live worker or a redriven dead-letter queue sends nobody twice. Paused and held
 * fan-outs are left to their editors.
 *
 * @example
 * const report = await recoverWork(ports);            // what stopped over `config.stallSeconds` ago
 * await recoverWork(ports, { olderThanSeconds: 0 });  // locally at start: everything unfinished
 */
export async function recoverWork(ports: Ports, options: RecoveryOptions = {}): Promise<RecoveryReport> {
  const now = ports.now();
  const cutoff = new Date(now.getTime() - (options.olderThanSeconds ?? ports.config.stallSeconds) * 1000);
  const report: RecoveryReport = {
    entries: 0,
    fanOuts: [],
    stalled: [],
    signUps: 0,
    confirmations: 0,
    socialPosts: 0,
    closed: 0,
  };
  for await (const page of ports.work.list()) {
    for (const entry of page) {
      report.entries++;
      try {
        await recoverEntry(ports, entry, cutoff, report);
      } catch (error) {
        // One entry that cannot be recovered now (its table item is busy, a queue refused) must not
        // stop the pass: the next pass tries it again.
        ports.log.warn("recovery of one entry failed", {
          kind: entry.kind,
          id: entry.id,
          error: loggableError(error),
        });
      }
    }
  }
  ports.log.info("recovery pass", {
    entries: report.entries,
    requeued: report.fanOuts.length,
    stalled: report.stalled.length,
    signUps: report.signUps,
    confirmations: report.confirmations,
    socialPosts: report.socialPosts,
    closed: report.closed,
  });
  return report;
}

async function recoverEntry(ports: Ports, entry: WorkEntry, cutoff: Date, report: RecoveryReport) {
  if (entry.kind === "fanout") {
    const result = await recoverFanOut(ports, entry.id, cutoff);
    if (result.outcome === "settled" || result.outcome === "gone") report.closed++;
    if (result.outcome === "requeued") {
      report.fanOuts.push({ id: entry.id, chunks: result.chunks, leased: result.leased });
    }
    const since = result.progress && stalledSince(result.progress, ports.now(), ports.config.stallSeconds);
    if (since) {
      report.stalled.push({ id: entry.id, since });
      ports.log.warn("fan-out stalled", { editionId: entry.id, since, status: result.progress?.status });
    }
    return;
  }
  if (Date.parse(entry.since) > cutoff.getTime()) return;
  if (entry.kind === "signup") {
    report.signUps += await recoverSignUp(ports, entry);
    return;
  }
  if (entry.kind === "confirmation") {
    // Re-dated first: a pass that dies after queueing must not queue it again at once.
    await ports.work.open("confirmation", entry.id, ports.now());
    await ports.editionQueue.send([{ confirmSubscriber: entry.id }]);
    report.confirmations++;
    return;
  }
  const outcome = await recoverSocialPost(ports, entry.id, cutoff);
  if (outcome === "requeued") report.socialPosts++;
  if (outcome === "closed") report.closed++;
}
