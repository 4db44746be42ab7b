import type { Config } from "../domain/config.js";
import type { ConfirmationInput, RenderedMessage } from "../domain/rendered.js";
import { choicesToConfirm, confirmSignUp } from "../domain/sign-up.js";
import { issueToken } from "../domain/tokens.js";
import type { Ports } from "./ports.js";

export type ConfirmationRenderFn = (input: ConfirmationInput, config: Config) => Promise<RenderedMessage>;

/** A confirmation link is good for a week; the pending subscription expires with it. */
export const CONFIRM_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Renders and sends the double opt-in email for a pending subscriber or a pending change, unless the
 * address is suppressed or has nothing left to confirm (confirmed or gone since the job was queued).
 * Runs in the render function, queued by the sign-up worker (`flows/apply-sign-up.ts`).
 */
export async function sendConfirmation(ports: Ports, render: ConfirmationRenderFn, subscriberId: string) {
  const result = await confirmOnce(ports, render, subscriberId);
  // Sent or not owed any more: either way it is no longer unfinished work. (A send that throws stays
  // entered, for the queue's retries and then the recovery pass.)
  await ports.work.close("confirmation", subscriberId);
  return result;
}

async function confirmOnce(ports: Ports, render: ConfirmationRenderFn, subscriberId: string) {
  const subscriber = await ports.subscribers.get(subscriberId);
  if (!subscriber || !confirmSignUp(subscriber, ports.now())) return "skipped";
  if ((await ports.suppressions.suppressedAmong([subscriberId])).size > 0) return "suppressed";
  const { topics, cadence } = choicesToConfirm(subscriber, ports.now());
  const nowSeconds = Math.floor(ports.now().getTime() / 1000);
  const token = issueToken(ports.secrets.tokenKeys, "confirm", subscriberId, CONFIRM_TTL_SECONDS, nowSeconds);
  const message = await render(
    {
      confirmUrl: `${ports.config.publicUrl}/v1/confirm?token=${token}`,
      topics,
      cadence,
    },
    ports.config,
  );
  await ports.mailer.sendOne({
    from: ports.config.brand.fromAddress,
    replyTo: ports.config.brand.replyTo,
    to: subscriber.email,
    ...message,
    tags: { kind: "confirmation" },
  });
  ports.log.info("confirmation sent", { subscriberId });
  return "sent";
}
