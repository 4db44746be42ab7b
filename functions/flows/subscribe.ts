import type { Consent, Subscriber } from "../domain/subscriber.js";
import { subscriberId } from "../domain/subscriber.js";
import { CONFIRMATION_INTERVAL_SECONDS, PENDING_TTL_SECONDS } from "../domain/subscription.js";
import type { Ports } from "./ports.js";

export interface SubscribeRequest {
  email: string;
  topics: string[];
  cadence: "instant" | "daily";
  name?: string;
}

export interface SubscriptionState {
  suppressed: boolean;
  current?: Subscriber;
}

/** What a sign-up needs to know first; the API reads it while it checks the client's rate limit. */
export async function readSubscriptionState(ports: Ports, email: string): Promise<SubscriptionState> {
  const id = subscriberId(email);
  const [suppressed, current] = await Promise.all([
    ports.suppressions.suppressedAmong([id]),
    ports.subscribers.get(id),
  ]);
  return { suppressed: suppressed.size > 0, current };
}

/**
 * A sign-up. Whatever the address's state, the caller answers the same thing: this function does
 * about the same work for a new, pending, active, unsubscribed or suppressed address (one read, at
 * most one write) and queues the confirmation email instead of sending it, so neither the answer nor
 * its timing tells whether the address is known.
 * - new: stored as `pending` (expiring with its link) and a confirmation is queued;
 * - pending or unsubscribed: the request and its consent are recorded, a confirmation queued unless
 *   one went out in the last 10 minutes;
 * - active: nothing changes (changing someone's topics would need their confirmation);
 * - suppressed: nothing, ever, until an admin lifts the suppression.
 */
export async function subscribe(
  ports: Ports,
  request: SubscribeRequest,
  consent: Omit<Consent, "at" | "textVersion">,
  state: Promise<SubscriptionState> = readSubscriptionState(ports, request.email),
) {
  const id = subscriberId(request.email);
  const now = ports.now();
  const at = now.toISOString();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const record: Consent = { ...consent, at, textVersion: ports.config.consentTextVersion };
  const { suppressed, current } = await state;
  if (suppressed) return "suppressed";

  if (!current) {
    const fresh: Subscriber = {
      id,
      email: request.email,
      name: request.name,
      status: "pending",
      topics: request.topics,
      cadence: request.cadence,
      consent: record,
      createdAt: at,
      updatedAt: at,
      confirmationSentAt: at,
      expiresAt: nowSeconds + PENDING_TTL_SECONDS,
    };
    if (!(await ports.subscribers.insert(fresh))) return "raced";
    await queueConfirmation(ports, id, now);
    return "pending";
  }
  if (current.status === "active" || current.status === "suppressed") return current.status;

  const lastSent = current.confirmationSentAt ? Date.parse(current.confirmationSentAt) / 1000 : 0;
  const resend = nowSeconds - lastSent >= CONFIRMATION_INTERVAL_SECONDS;
  const next: Subscriber = {
    ...current,
    status: "pending",
    name: request.name ?? current.name,
    topics: request.topics,
    cadence: request.cadence,
    consent: record,
    updatedAt: at > current.updatedAt ? at : new Date(Date.parse(current.updatedAt) + 1).toISOString(),
    confirmationSentAt: resend ? at : current.confirmationSentAt,
  };
  if (!(await ports.subscribers.save(next, current))) return "raced";
  if (resend) await queueConfirmation(ports, id, now);
  return "pending";
}

/** Entered as unfinished work before it is queued: recovery queues it again if the message is lost. */
async function queueConfirmation(ports: Ports, id: string, now: Date) {
  await ports.work.open("confirmation", id, now);
  await ports.editionQueue.send([{ confirmSubscriber: id }]);
}
