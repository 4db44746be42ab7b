import type { SignUp } from "../../domain/sign-up.js";
import type { SocialNetwork } from "../../domain/social/network.js";

/** Queues between the functions (SQS on AWS, in memory locally) and what travels on them. */

/** SQS holds a message back at most this long (`DelaySeconds`); longer waits are carried by the job. */
export const MAX_DELAY_SECONDS = 900;

export interface SendOptions {
  /** Seconds before the messages can be received, 0–900 (SQS `DelaySeconds`); longer is capped. */
  delaySeconds?: number;
}

export interface Queue<T> {
  send(messages: T[], options?: SendOptions): Promise<void>;
}

/**
 * Work for the render function, the only one that loads MJML: an edition or a daily briefing to
 * render and plan, a confirmation email to render and send (the API queues it, so it never loads
 * MJML itself), or a sign-up to decide (the API queues it, so its answer is the same for every address).
 */
export type RenderJob =
  | { editionId: string }
  | { briefingId: string }
  | { confirmSubscriber: string }
  | { signUp: SignUp };

export interface SendJob {
  editionId: string;
  chunk: string;
  /** How often SES throttled this chunk so far: the next try waits 2^n seconds (at most a minute). */
  throttled?: number;
}

/**
 * One edition's post to one account. `notBefore` (ISO time) defers it past what SQS can delay:
 * a worker that receives it earlier queues it again with the time that remains.
 */
export interface SocialPostJob {
  editionId: string;
  network: SocialNetwork;
  account: string;
  notBefore?: string;
}

/**
 * An edition to post everywhere: the social worker, the only function that knows which accounts are
 * configured (their credentials are its secret alone), turns it into one `SocialPostJob` per account.
 */
export interface SocialEditionJob {
  editionId: string;
}

export type SocialJob = SocialPostJob | SocialEditionJob;
