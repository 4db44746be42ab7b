import * as z from "zod";
import { Cadence, Consent, EmailAddress, type Subscriber, subscriberId } from "./subscriber.js";
import { PENDING_TTL_SECONDS } from "./subscription.js";

/**
 * A sign-up as the API accepted it and queued it: the address, the choices and the consent as given
 * (time, source, IP, user agent, wording). What it does to the list is decided by the worker.
 */
export const SignUp = z.object({
  email: EmailAddress,
  name: z.string().max(200).optional(),
  topics: z.array(z.string()).min(1),
  cadence: Cadence,
  consent: Consent,
});
export type SignUp = z.infer<typeof SignUp>;

/**
 * The sign-up's entry in the unfinished work: the address's id (a hash, never the address) and the
 * time the API accepted it, so the API and the worker name the same entry without a lookup.
 *
 * @example
 * signUpWorkId(signUp); // "3f1c…e9#2026-03-02T07:00:00.000Z"
 */
export function signUpWorkId(signUp: SignUp): string {
  return `${subscriberId(signUp.email)}#${signUp.consent.at}`;
}

/**
 * Whether `current` already holds this very sign-up (its consent: same time, source, client and
 * wording), as the record it made or as its pending change: applying it again must change nothing
 * and send no second confirmation.
 *
 * @example
 * holdsSignUp(recordSignUp(undefined, signUp, now), signUp); // true
 */
export function holdsSignUp(current: Subscriber | undefined, signUp: SignUp): boolean {
  const same = (c: Consent | undefined) =>
    c !== undefined &&
    c.at === signUp.consent.at &&
    c.source === signUp.consent.source &&
    c.ip === signUp.consent.ip &&
    c.userAgent === signUp.consent.userAgent &&
    c.textVersion === signUp.consent.textVersion;
  return current !== undefined && (same(current.pendingChange?.consent) || same(current.consent));
}

/**
 * The record a sign-up leads to, `undefined` when it changes nothing:
 * - a new address: a `pending` record that expires with its link;
 * - `pending` or `unsubscribed`: the record stays as it is, the sign-up waits beside it as its
 *   `pendingChange` (the latest one wins) until the link is used;
 * - `active` or `suppressed`: nothing (changing an active reader's topics needs their link; the
 *   preference center has it).
 *
 * @example
 * recordSignUp(undefined, signUp, new Date())?.status; // "pending"
 */
export function recordSignUp(
  current: Subscriber | undefined,
  signUp: SignUp,
  now: Date,
): Subscriber | undefined {
  const at = now.toISOString();
  const expiresAt = Math.floor(now.getTime() / 1000) + PENDING_TTL_SECONDS;
  if (!current) {
    return {
      id: subscriberId(signUp.email),
      email: signUp.email,
      ...(signUp.name ? { name: signUp.name } : {}),
      status: "pending",
      topics: signUp.topics,
      cadence: signUp.cadence,
      consent: signUp.consent,
      createdAt: at,
      updatedAt: at,
      expiresAt,
    };
  }
  if (current.status === "active" || current.status === "suppressed") return undefined;
  const { name, topics, cadence, consent } = signUp;
  return {
    ...current,
    pendingChange: { ...(name ? { name } : {}), topics, cadence, consent },
    // A pending record lives as long as the newest link; an unsubscribed one has no expiry.
    ...(current.status === "pending" ? { expiresAt } : {}),
  };
}

/** A pending change older than its link's life is not confirmed by any link still valid. */
function isLive(change: Subscriber["pendingChange"], now: Date): change is NonNullable<typeof change> {
  return change !== undefined && Date.parse(change.consent.at) + PENDING_TTL_SECONDS * 1000 > now.getTime();
}

/**
 * What the confirmation link does, `undefined` when it has nothing to confirm: a pending change
 * becomes the record (its consent appended to the history, confirmed now); a pending record without
 * one becomes active with its own consent confirmed. Either way the address joins its topics.
 *
 * @example
 * confirmSignUp(pending, new Date())?.status; // "active"
 */
export function confirmSignUp(current: Subscriber, now: Date): Subscriber | undefined {
  const at = now.toISOString();
  const { pendingChange: change, ...rest } = current;
  if (current.status === "active" || current.status === "suppressed") return undefined;
  if (isLive(change, now)) {
    return {
      ...rest,
      status: "active",
      name: change.name ?? current.name,
      topics: change.topics,
      cadence: change.cadence,
      consentHistory: [...(current.consentHistory ?? []), { ...change.consent, confirmedAt: at }],
      expiresAt: undefined,
    };
  }
  if (current.status !== "pending") return undefined;
  return {
    ...rest,
    status: "active",
    expiresAt: undefined,
    consent: { ...current.consent, confirmedAt: at },
  };
}

/** What a confirmation would make of the record: the choices the confirm page shows. */
export function choicesToConfirm(current: Subscriber, now: Date): Pick<Subscriber, "topics" | "cadence"> {
  const change = current.pendingChange;
  return isLive(change, now) ? change : current;
}
