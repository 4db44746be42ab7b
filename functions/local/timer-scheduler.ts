import type { Queue, RenderJob, Scheduler } from "../flows/ports.js";

/** How the local scheduler waits: real timers by default; tests fire them by hand. */
export interface Timers {
  set(fire: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** setTimeout holds at most 2^31-1 ms (~24.8 days): a later release is re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const realTimers: Timers = {
  set: (fire, ms) => {
    const t = setTimeout(fire, ms);
    t.unref();
    return t;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The local {@link Scheduler}: one timer per scheduled edition that puts its job on the edition
 * queue when due, as EventBridge Scheduler does on AWS. Timers live in memory: a restarted
 * `npm start` re-arms scheduled editions from the table (`rearmScheduled`).
 *
 * @example
 * const scheduler = timerScheduler(editionQueue, () => new Date());
 * await scheduler.schedule("ed_…", new Date(Date.now() + 60_000)); // the job is queued in a minute
 */
export function timerScheduler(
  queue: Queue<RenderJob>,
  now: () => Date,
  timers: Timers = realTimers,
): Scheduler & { stop(): void; pending(): string[] } {
  const armed = new Map<string, unknown>();
  const arm = (editionId: string, at: number) => {
    const wait = Math.max(0, at - now().getTime());
    armed.set(
      editionId,
      timers.set(
        () => {
          armed.delete(editionId);
          if (wait > MAX_TIMER_MS) arm(editionId, at);
          else void queue.send([{ editionId }]).catch(() => arm(editionId, now().getTime() + 1000));
        },
        Math.min(wait, MAX_TIMER_MS),
      ),
    );
  };
  const disarm = (editionId: string) => {
    if (armed.has(editionId)) timers.clear(armed.get(editionId));
    armed.delete(editionId);
  };
  return {
    async schedule(editionId, at) {
      disarm(editionId);
      arm(editionId, at.getTime());
    },
    async unschedule(editionId) {
      disarm(editionId);
    },
    stop() {
      for (const id of [...armed.keys()]) disarm(id);
    },
    pending: () => [...armed.keys()],
  };
}
