import type { DeliverySlot } from "../../domain/delivery-slots.js";

/** Deliveries counted per batch of SES events, each slot (edition, chunk, position) once. */
export interface DeliveryCounts {
  /** Counts the slots not counted before; resolves to how many that was per edition. */
  count(slots: DeliverySlot[], now: Date): Promise<Map<string, number>>;
}
