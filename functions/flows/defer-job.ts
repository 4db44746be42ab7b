import { MAX_DELAY_SECONDS, type Queue, type SocialPostJob } from "./ports/queues.js";

/**
 * Queues `job` again to run at `at`. SQS delays a message 15 minutes at most, so a longer wait
 * travels in the job as `notBefore` and the worker that receives it early defers it again with what
 * remains (see `notYet`).
 *
 * @example
 * await deferJob(ports.socialQueue, job, new Date(Date.now() + 3_600_000), ports.now());
 * // sent with delaySeconds 900 and notBefore one hour from now
 */
export async function deferJob(queue: Queue<SocialPostJob>, job: SocialPostJob, at: Date, now: Date) {
  const seconds = Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
  const { notBefore: _, ...rest } = job;
  const next = seconds > MAX_DELAY_SECONDS ? { ...rest, notBefore: at.toISOString() } : rest;
  await queue.send([next], { delaySeconds: Math.min(seconds, MAX_DELAY_SECONDS) });
}

/** When a job must not run yet: the time it waits for, or undefined when it may run now. */
export function notYet(job: SocialPostJob, now: Date): Date | undefined {
  if (!job.notBefore) return undefined;
  const at = new Date(job.notBefore);
  return at.getTime() > now.getTime() ? at : undefined;
}
