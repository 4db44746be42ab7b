/** Queues between the functions (SQS on AWS, in memory locally) and what travels on them. */

export interface Queue<T> {
  send(messages: T[]): Promise<void>;
}

/**
 * Work for the render function, the only one that loads MJML: an edition or a daily briefing to
 * render and plan, or a confirmation email to render and send (the API queues it, so it never loads MJML itself).
 */
export type RenderJob = { editionId: string } | { briefingId: string } | { confirmSubscriber: string };

export interface SendJob {
  editionId: string;
  chunk: string;
}
