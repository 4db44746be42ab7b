import type { Config } from "../domain/config.js";
import { issueToken } from "../domain/tokens.js";
import type { ConfirmationInput, RenderedMessage } from "../render/confirmation.js";
import type { Ports } from "./ports.js";

export type ConfirmationRenderFn = (input: ConfirmationInput, config: Config) => Promise<RenderedMessage>;

/** A confirmation link is good for a week; the pending subscription expires with it. */
export const CONFIRM_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Renders and sends the double opt-in email for a pending subscriber, unless the address is
 * suppressed or no longer pending (confirmed or gone since the job was queued). Runs in the render
 * function; the API only queues it, so its answer takes the same time whatever the address.
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
  if (subscriber?.status !== "pending") return "skipped";
  if ((await ports.suppressions.suppressedAmong([subscriberId])).size > 0) return "suppressed";
  const nowSeconds = Math.floor(ports.now().getTime() / 1000);
  const token = issueToken(ports.secrets.tokenKeys, "confirm", subscriberId, CONFIRM_TTL_SECONDS, nowSeconds);
  const message = await render(
    {
      confirmUrl: `${ports.config.publicUrl}/v1/confirm?token=${token}`,
      topics: subscriber.topics,
      cadence: subscriber.cadence,
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
