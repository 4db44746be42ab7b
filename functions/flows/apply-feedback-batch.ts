import { type DeliverySlot, deliverySlot } from "../domain/delivery-slots.js";
import { loggableError } from "../domain/redact.js";
import { planFeedback, type SesEvent } from "../domain/ses-event.js";
import { applyFeedback, type FeedbackPorts } from "./apply-feedback.js";
import { countOnTimeline } from "./count-timeline.js";
import type { DeliveryCounts } from "./ports.js";

export type FeedbackBatchPorts = FeedbackPorts & { deliveries: DeliveryCounts };

/**
 * Applies a batch of SES events; resolves to the indexes of those that failed, to be delivered
 * again. Deliveries that name their slot (edition, chunk, position), nearly all of them, are counted
 * together: one read and one transaction per batch (`DeliveryCounts`), one timeline update per
 * edition. Everything else (bounces, complaints, rejects, failures, untagged deliveries) is applied
 * one by one as before, with its own mark: rare, and each may suppress an address or pause a send.
 *
 * @example
 * const failed = await applyFeedbackBatch({ ...ports, deliveries }, events); // [] when all applied
 */
export async function applyFeedbackBatch(ports: FeedbackBatchPorts, events: SesEvent[]): Promise<number[]> {
  const failed: number[] = [];
  const slots: Array<{ at: number; slot: DeliverySlot }> = [];
  for (const [at, event] of events.entries()) {
    const plan = planFeedback(event);
    const slot = event.eventType === "Delivery" ? deliverySlot(plan.editionId, event.mail.tags) : undefined;
    if (slot && plan.actions.length === 1) {
      slots.push({ at, slot });
      continue;
    }
    if (plan.unmatched > 0)
      ports.log.warn("SES event names recipients that are not addresses", { unmatched: plan.unmatched });
    try {
      await applyFeedback(ports, plan);
      ports.log.info("SES event applied", {
        eventType: plan.eventType,
        messageId: plan.messageId,
        editionId: plan.editionId,
        actions: plan.actions.map((a) => (a.kind === "count" ? a.counter : a.kind)),
      });
    } catch (error) {
      ports.log.warn("SES event not applied; it will be retried", {
        eventType: plan.eventType,
        messageId: plan.messageId,
        error: loggableError(error),
      });
      failed.push(at);
    }
  }
  if (slots.length === 0) return failed;
  try {
    const counted = await ports.deliveries.count(
      slots.map((s) => s.slot),
      ports.now(),
    );
    for (const [editionId, n] of counted) await countOnTimeline(ports, editionId, "delivered", n);
    ports.log.info("SES deliveries counted", { events: slots.length, counted: Object.fromEntries(counted) });
  } catch (error) {
    ports.log.warn("SES deliveries not counted; they will be retried", { error: loggableError(error) });
    failed.push(...slots.map((s) => s.at));
  }
  return failed.sort((a, b) => a - b);
}
