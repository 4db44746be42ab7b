import { mailboxKey } from "../domain/mailbox.js";
import { holdsSignUp, recordSignUp, type SignUp, signUpWorkId } from "../domain/sign-up.js";
import { subscriberId } from "../domain/subscriber.js";
import { CONFIRMATION_INTERVAL_SECONDS } from "../domain/subscription.js";
import type { Ports } from "./ports.js";
import { queueConfirmation } from "./queue-confirmation.js";

/**
 * Whether a confirmation may go out: at most one per inbox (every spelling of it) per 10 minutes,
 * and within the hour's budget for the whole service, so no one can mail-bomb through the sign-up.
 */
async function mayConfirm(ports: Ports, email: string): Promise<boolean> {
  if (!(await ports.rateLimiter.claim("confirm-mailbox", mailboxKey(email), CONFIRMATION_INTERVAL_SECONDS))) {
    return false;
  }
  const budget = await ports.rateLimiter.hit("confirmations", "all", ports.config.confirmationsPerHour, 3600);
  if (!budget.ok) ports.log.warn("confirmation budget for this hour spent; confirmation not sent");
  return budget.ok;
}

/**
 * The worker's half of a sign-up (the render queue's `{signUp}` job): reads the address's state and
 * decides (`domain/sign-up.ts`): a new address is stored as pending, a pending or unsubscribed one
 * gets the sign-up as a pending change beside its record, an active or suppressed one is left alone.
 * A confirmation is queued (`{confirmSubscriber}`) when the inbox and the hour's budget allow it.
 * Then the sign-up leaves the unfinished work. Applied twice (recovery queued it again, a redrive),
 * the second time finds it recorded and does nothing: one confirmation.
 */
export async function applySignUp(ports: Ports, signUp: SignUp) {
  const outcome = await decideSignUp(ports, signUp);
  await ports.work.close("signup", signUpWorkId(signUp));
  return outcome;
}

async function decideSignUp(ports: Ports, signUp: SignUp) {
  const id = subscriberId(signUp.email);
  if ((await ports.suppressions.suppressedAmong([id])).size > 0) return "suppressed";
  let confirm: boolean | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await ports.subscribers.get(id);
    if (holdsSignUp(current, signUp)) return "already applied";
    const now = ports.now();
    const next = recordSignUp(current, signUp, now);
    if (!next) return current?.status ?? "unchanged";
    // Decided once: a retry after a concurrent write must not take a second confirmation.
    confirm ??= await mayConfirm(ports, signUp.email);
    const at = now.toISOString();
    const stamped = {
      ...next,
      updatedAt:
        current && at <= current.updatedAt ? new Date(Date.parse(current.updatedAt) + 1).toISOString() : at,
      confirmationSentAt: confirm ? at : current?.confirmationSentAt,
    };
    // The confirmation is entered before the record that owes it is written: once the record holds
    // this sign-up, a second apply does nothing, so the entry must already be there for recovery.
    if (confirm) await ports.work.open("confirmation", id, now);
    const written = current
      ? await ports.subscribers.save(stamped, current)
      : await ports.subscribers.insert(stamped);
    if (!written) continue;
    if (confirm) await queueConfirmation(ports, id, now);
    return current ? "pending change" : "pending";
  }
  throw new Error("the subscriber kept changing during a sign-up; giving up after 5 attempts");
}
