import { recoverWork } from "../flows/recover-work.js";
import { awsPorts } from "./aws-ports.js";

/**
 * The recovery schedule's Lambda (EventBridge Scheduler, every few minutes): queues again whatever
 * unfinished work stopped moving. Its "recovery pass" log line carries `stalled`, which the stack's
 * metric filter counts and alarms on.
 */
export const handler = async () => {
  const report = await recoverWork(await awsPorts());
  return { entries: report.entries, requeued: report.fanOuts.length, stalled: report.stalled.length };
};
