import type { Ports } from "./ports.js";

/**
 * Queues a subscriber's confirmation email, entered as unfinished work first: if the message is
 * lost (a process killed, a dead-letter queue), the recovery pass queues it again.
 *
 * @example
 * await queueConfirmation(ports, subscriberId(email), ports.now());
 */
export async function queueConfirmation(ports: Ports, id: string, now: Date) {
  await ports.work.open("confirmation", id, now);
  await ports.editionQueue.send([{ confirmSubscriber: id }]);
}
