import { SOFT_BOUNCE_LIMIT } from "../domain/send-health.js";
import type { FeedbackAction, FeedbackPlan } from "../domain/ses-event.js";
import { pauseIfUnhealthy } from "./auto-pause.js";
import { countOnTimeline } from "./count-timeline.js";
import { countGrowth } from "./counted-subscribers.js";
import type { Ports } from "./ports.js";
import { suppress, unsubscribe } from "./unsubscribe.js";

export type FeedbackPorts = Pick<
  Ports,
  | "editions"
  | "subscribers"
  | "suppressions"
  | "subscriberStats"
  | "audienceCounters"
  | "engagement"
  | "config"
  | "log"
  | "now"
>;

/**
 * Applies one SES event (see `planFeedback`): hard bounces and complaints suppress the address for
 * good, soft bounces are counted and suppress at the limit, the rest move edition counters.
 *
 * The SES events queue delivers at least once, so everything here is safe to run twice: counters move once per event
 * mark (the mark and the counter are one transaction), and the consequences (suppressing, pausing)
 * are derived again from the stored state on every delivery, so a run that died half-way is finished
 * by the next one. A DynamoDB failure throws, for the queue (or the local event bus) to deliver again.
 */
export async function applyFeedback(ports: FeedbackPorts, plan: FeedbackPlan): Promise<void> {
  for (const action of plan.actions) await apply(ports, plan, action);
  if (
    plan.eventType === "Reject" ||
    plan.eventType === "Rendering Failure" ||
    plan.eventType === "DeliveryDelay"
  ) {
    const log = plan.eventType === "DeliveryDelay" ? ports.log.info : ports.log.warn;
    log.call(ports.log, "SES did not deliver a message", {
      eventType: plan.eventType,
      messageId: plan.messageId,
      editionId: plan.editionId,
      reason: plan.note,
    });
  }
}

async function apply(ports: FeedbackPorts, plan: FeedbackPlan, action: FeedbackAction) {
  switch (action.kind) {
    case "hard-bounce":
      await countIfSuppressed(ports, await suppress(ports, action.subscriberId, "bounce"), "bounces");
      return countOnEdition(ports, plan, "bounced", action.mark, true);
    case "complaint":
      // Unsubscribed first, so the record says they left; suppressed, so nothing ever reaches them again.
      await unsubscribe(ports, action.subscriberId, "complaint");
      await countIfSuppressed(ports, await suppress(ports, action.subscriberId, "complaint"), "complaints");
      return countOnEdition(ports, plan, "complained", action.mark, true);
    case "soft-bounce":
      return countSoftBounce(ports, action.subscriberId, action.mark);
    case "count":
      return countOnEdition(ports, plan, action.counter, action.mark, false);
  }
}

async function countOnEdition(
  ports: FeedbackPorts,
  plan: FeedbackPlan,
  counter: Parameters<Ports["editions"]["countFeedback"]>[1],
  mark: string,
  judge: boolean,
) {
  if (!plan.editionId) return;
  const counted = await ports.editions.countFeedback(plan.editionId, counter, mark);
  if (counted === "no-edition")
    ports.log.warn("SES event for an unknown edition", { messageId: plan.messageId });
  else if (judge) await pauseIfUnhealthy(ports, plan.editionId);
  // After the pause decision: the timeline is for reading, never in the way of stopping a send.
  if (
    counted === "counted" &&
    (counter === "delivered" || counter === "bounced" || counter === "complained")
  ) {
    await countOnTimeline(ports, plan.editionId, counter, 1);
  }
}

async function countSoftBounce(ports: FeedbackPorts, id: string, mark: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const subscriber = await ports.subscribers.get(id);
    // Nobody to count it on (a test send, an erased address): a soft bounce alone suppresses nobody.
    if (!subscriber) return;
    const result = await ports.subscribers.countSoftBounce(subscriber, mark);
    if (result === "changed") continue;
    const bounces = (subscriber.softBounces ?? 0) + (result === "counted" ? 1 : 0);
    if (bounces >= SOFT_BOUNCE_LIMIT && subscriber.status !== "suppressed") {
      await countIfSuppressed(ports, await suppress(ports, id, "bounce"), "bounces");
    }
    return;
  }
  throw new Error("the subscriber kept changing while a soft bounce was counted");
}

/** A bounce or complaint counts in the audience series when it is what suppressed the address. */
async function countIfSuppressed(
  ports: FeedbackPorts,
  suppressed: Awaited<ReturnType<typeof suppress>>,
  event: "bounces" | "complaints",
) {
  if (suppressed) await countGrowth(ports, event, suppressed);
}
