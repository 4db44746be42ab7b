import { BriefingId } from "../domain/briefing/schedule.js";
import { lastProgress, RECOVERABLE_STATUSES, SETTLED_STATUSES } from "../domain/stall.js";
import type { Ports, RenderJob, SendProgress } from "./ports.js";

/** Chunk messages handed to the queue per call (it sends them ten to a batch). */
const REQUEUE_PAGE = 100;

export type FanOutPorts = Pick<Ports, "editions" | "chunks" | "sendQueue" | "editionQueue" | "work" | "now">;

/** What recovery did with one fan-out. */
export type FanOutRecovery =
  | { outcome: "settled" | "gone" | "editor" | "moving"; progress?: SendProgress }
  | { outcome: "requeued"; progress: SendProgress; chunks: number; leased: number };

/**
 * Looks at one unfinished fan-out (edition or briefing) and, if it has not moved since `cutoff`,
 * queues its work again. A settled or vanished one leaves the unfinished work; a paused (or held)
 * one is an editor's and is left alone.
 */
export async function recoverFanOut(ports: FanOutPorts, id: string, cutoff: Date): Promise<FanOutRecovery> {
  const progress = await ports.editions.progress(id);
  if (!progress) {
    await ports.work.close("fanout", id);
    return { outcome: "gone" };
  }
  if (SETTLED_STATUSES.includes(progress.status)) {
    await ports.work.close("fanout", id);
    return { outcome: "settled", progress };
  }
  if (!RECOVERABLE_STATUSES.includes(progress.status)) return { outcome: "editor", progress };
  // Queued again by an earlier pass counts as movement: each stall is queued once per stall time.
  const moved = Math.max(Date.parse(lastProgress(progress)), Date.parse(progress.recoveredAt ?? "") || 0);
  if (moved > cutoff.getTime()) return { outcome: "moving", progress };
  return { outcome: "requeued", progress, ...(await requeueFanOut(ports, progress)) };
}

/**
 * Queues a fan-out's work again from what the table holds: its render-and-plan job while planning
 * is not done (the planner resumes from its checkpoints), and every chunk not done whose lease is
 * absent or over. A chunk queued twice is harmless: the send worker's lease and the per-recipient
 * outcomes send each recipient once, and a recipient a dead attempt handed to SES becomes `unknown`.
 * A chunk whose lease still runs may have a live worker: the next pass looks at it again.
 */
export async function requeueFanOut(
  ports: FanOutPorts,
  progress: SendProgress,
): Promise<{ chunks: number; leased: number }> {
  const { id } = progress;
  if (progress.status !== "sending" || !progress.planDone) await ports.editionQueue.send([replanJob(id)]);
  let chunks = 0;
  let leased = 0;
  if (progress.status === "sending") {
    const nowMs = ports.now().getTime();
    for await (const page of ports.chunks.unfinished(id)) {
      const free = page.filter((c) => c.leaseUntil === undefined || c.leaseUntil <= nowMs);
      leased += page.length - free.length;
      for (let i = 0; i < free.length; i += REQUEUE_PAGE) {
        await ports.sendQueue.send(
          free.slice(i, i + REQUEUE_PAGE).map((c) => ({ editionId: id, chunk: c.key })),
        );
      }
      chunks += free.length;
    }
    // Every chunk done but the finishing write lost: finish it now.
    if (progress.planDone && chunks + leased === 0) await ports.editions.completeIfFinished(id);
  }
  if (leased === 0) await ports.editions.markRecovered(id, ports.now());
  return { chunks, leased };
}

export const replanJob = (id: string): RenderJob =>
  BriefingId.safeParse(id).success ? { briefingId: id } : { editionId: id };
