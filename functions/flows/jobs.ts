import * as z from "zod";
import { CHUNK_SIZE } from "../domain/audience.js";
import { SignUp } from "../domain/sign-up.js";
import { SocialNetwork } from "../domain/social/network.js";

/**
 * Queue message bodies, validated on the way in: a malformed message is dropped, not retried forever.
 * The job types the flows send (ports/queues.ts) are inferred from these, so parsing cannot drop a
 * field the sender sets.
 */

/**
 * Work for the render function, the only one that loads MJML: an edition or a daily briefing to
 * render and plan, a confirmation email to render and send (the API queues it, so it never loads
 * MJML itself), or a sign-up to decide (the API queues it, so its answer is the same for every address).
 */
export const RenderJob = z.union([
  z.object({ editionId: z.string().min(1) }),
  z.object({ briefingId: z.string().min(1) }),
  z.object({ confirmSubscriber: z.string().min(1) }),
  z.object({ signUp: SignUp }),
]);

export const SendJob = z.object({
  editionId: z.string().min(1),
  chunk: z.string().min(1),
  /** How often SES throttled this chunk so far: the next try waits 2^n seconds (at most a minute). */
  throttled: z.number().int().min(0).max(1000).optional(),
  /**
   * The chunk as the planner stored it, on its first queueing: a worker claims it on its first
   * version without reading it. A claim that finds it moved on reads it, as for any other message.
   */
  fresh: z
    .object({ recipients: z.array(z.string().min(1)).min(1).max(CHUNK_SIZE), variant: z.string().optional() })
    .optional(),
});

/**
 * One edition's post to one account. `notBefore` (ISO time) defers it past what SQS can delay:
 * a worker that receives it earlier queues it again with the time that remains.
 */
export const SocialPostJob = z.object({
  editionId: z.string().min(1),
  network: SocialNetwork,
  account: z.string().min(1),
  notBefore: z.iso.datetime({ offset: true }).optional(),
});

/**
 * An edition to post everywhere: the social worker, the only function that knows which accounts are
 * configured (their credentials are its secret alone), turns it into one `SocialPostJob` per account.
 */
const SocialEditionJob = z.object({ editionId: z.string().min(1) });

/** The post job first: the edition job's schema would accept (and strip) a post job too. */
export const SocialJob = z.union([SocialPostJob, SocialEditionJob]);

/**
 * One click on a tracked link, or one fetch of the open pixel, as the tracking function saw it: the
 * token's reference (already verified), the email's own link it named (never a URL from the request),
 * when (ms) and whether the request alone showed a machine. The recorder counts them in batches.
 */
export const EngagementJob = z.object({
  /** Unique per request: a redelivered event is recognised by it, however late it comes. */
  id: z.string().min(1).max(32),
  kind: z.enum(["click", "open"]),
  target: z.string().min(1).max(64),
  recipient: z.string().min(1).max(128),
  sentAt: z.number().int().min(0),
  url: z.string().max(4096).optional(),
  at: z.number().int().min(0),
  machine: z.boolean(),
});
