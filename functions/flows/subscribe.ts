import { mailboxKey } from "../domain/mailbox.js";
import { type SignUp, signUpWorkId } from "../domain/sign-up.js";
import type { Consent } from "../domain/subscriber.js";
import type { Ports } from "./ports.js";

/** Sign-ups per client address per minute: plenty for a household, little for a script. */
export const SIGN_UPS_PER_CLIENT_PER_MINUTE = 20;
/** Sign-ups per inbox (see `domain/mailbox.ts`) per hour, whatever the spelling and the client. */
export const SIGN_UPS_PER_MAILBOX_PER_HOUR = 10;

export type SignUpRequest = Omit<SignUp, "consent">;

/**
 * The API's half of a sign-up. It does the same work whatever the address's state (new, pending,
 * active, unsubscribed, suppressed): two counter updates (the client's and the inbox's, together),
 * the sign-up entered as unfinished work, and one queued job. It reads nothing about the address, so neither the answer nor its timing can
 * tell whether the address is known; the worker decides (`flows/apply-sign-up.ts`).
 *
 * @example
 * const r = await acceptSignUp(ports, { email, topics: ["world"], cadence: "daily" }, { source: "api", ip }, ip);
 * if (!r.ok) answer429(r.retryAfter);
 */
export async function acceptSignUp(
  ports: Ports,
  request: SignUpRequest,
  consent: Omit<Consent, "at" | "textVersion">,
  client: string,
): Promise<{ ok: true } | { ok: false; retryAfter: number }> {
  const [byClient, byMailbox] = await Promise.all([
    ports.rateLimiter.hit("subscribe", client, SIGN_UPS_PER_CLIENT_PER_MINUTE, 60),
    ports.rateLimiter.hit(
      "subscribe-mailbox",
      mailboxKey(request.email),
      SIGN_UPS_PER_MAILBOX_PER_HOUR,
      3600,
    ),
  ]);
  if (!byClient.ok) return byClient;
  if (!byMailbox.ok) return byMailbox;
  const at = ports.now().toISOString();
  const signUp: SignUp = {
    ...request,
    consent: { ...consent, at, textVersion: ports.config.consentTextVersion },
  };
  // Entered as unfinished work before it is queued: a job lost with the process (or dead-lettered) is
  // queued again by the recovery pass. The same write for every address: nothing is read.
  await ports.work.open("signup", signUpWorkId(signUp), ports.now(), signUp);
  await ports.editionQueue.send([{ signUp }]);
  return { ok: true };
}
