import { timeBucket } from "../domain/tracking/time-bucket.js";
import type { Ports } from "./ports.js";

/**
 * What a send's timeline counts besides clicks, opens and sends (those the stats read from the
 * send-rate minutes each chunk's record writes).
 */
export type SendEvent = "delivered" | "bounced" | "complained" | "unsubscribed";

/**
 * Adds `by` events to the timeline bucket of now, for an edition or briefing. The send and its
 * feedback have already been recorded: a failure here is logged, never passed on, and costs the
 * timeline (not the send's counts) that one change.
 *
 * @example
 * await countOnTimeline(ports, editionId, "delivered", 50);
 */
export async function countOnTimeline(
  ports: Pick<Ports, "engagement" | "log" | "now">,
  target: string,
  event: SendEvent,
  by: number,
  /** Fields of the email's totals to move with it (an unsubscribe's way). */
  message: Record<string, number> = {},
) {
  if (by === 0) return;
  const at = ports.now().getTime();
  try {
    // Sends and SES feedback arrive close to the send: they are bucketed by minute as they happen.
    await ports.engagement.add(target, {
      message,
      links: {},
      timeline: { [timeBucket(at, at)]: { [event]: by } },
    });
  } catch (error) {
    ports.log.error("timeline not counted", { event, target, error: (error as Error).name });
  }
}
