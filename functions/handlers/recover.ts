import type { Ports } from "../flows/ports.js";
import { recoverWork } from "../flows/recover-work.js";
import { awsPorts } from "./aws-ports.js";

/** The scheduled invocation over any composition root (tests run it over the local one). */
export const recoveryHandler = (ports: () => Promise<Ports>) => async () => {
  const report = await recoverWork(await ports());
  return { entries: report.entries, requeued: report.fanOuts.length, stalled: report.stalled.length };
};

/**
 * The recovery schedule's Lambda (EventBridge Scheduler, every few minutes): queues again whatever
 * unfinished work stopped moving. Its "recovery pass" log line carries `stalled`, which the stack's
 * metric filter counts and alarms on. It signs nothing, so it reads no secret.
 */
export const handler = recoveryHandler(() => awsPorts([]));
