import type * as z from "zod";
import type * as jobs from "../jobs.js";

/**
 * Queues between the functions (SQS on AWS, in memory locally) and what travels on them: the job
 * types are the parsed types of the schemas in `flows/jobs.ts` (documented there).
 */

/** SQS holds a message back at most this long (`DelaySeconds`); longer waits are carried by the job. */
export const MAX_DELAY_SECONDS = 900;

export interface SendOptions {
  /** Seconds before the messages can be received, 0–900 (SQS `DelaySeconds`); longer is capped. */
  delaySeconds?: number;
}

export interface Queue<T> {
  send(messages: T[], options?: SendOptions): Promise<void>;
}

export type RenderJob = z.infer<typeof jobs.RenderJob>;
export type SendJob = z.infer<typeof jobs.SendJob>;
export type SocialPostJob = z.infer<typeof jobs.SocialPostJob>;
export type SocialJob = z.infer<typeof jobs.SocialJob>;
export type EngagementJob = z.infer<typeof jobs.EngagementJob>;
