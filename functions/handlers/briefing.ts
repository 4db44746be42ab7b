import { startBriefing } from "../flows/start-briefing.js";
import { awsPorts } from "./aws-ports.js";

/**
 * The briefing schedule's Lambda (EventBridge Scheduler, daily at the newsroom's hour in its time
 * zone): records today's briefing and queues it for the render function, which renders each topic
 * combination and plans the fan-out. A retried invocation finds the same briefing.
 */
export const handler = async () => {
  const { briefing, created } = await startBriefing(await awsPorts([]));
  return { briefingId: briefing.id, created, editions: briefing.items.length };
};
