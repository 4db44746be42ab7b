/**
 * The errors of the flows layer: what a port reports to a flow, and what a flow throws for its
 * caller (a worker, which retries or drops the message). Each keeps the error behind it as `cause`
 * (ES2022), so the logs show the SDK's or the network's own words. A refused request is a
 * `HeraldError` (domain/errors.ts) instead: the API answers it with a 4xx.
 *
 * @example
 * throw new MailerThrottled(error.message, { cause: error });
 */

/** The mailer port: the whole call was refused for rate; nothing was sent, try again later. */
export class MailerThrottled extends Error {
  override name = "MailerThrottled";
}

/** The mailer port: SES answered the call with an error; nothing was sent. (A timeout is neither: SES may have sent.) */
export class MailerRejected extends Error {
  override name = "MailerRejected";
}

/** The card is rendered with the edition; until it is stored, no network may see the post. */
export class CardNotReady extends Error {
  override name = "CardNotReady";

  constructor(editionId: string, options?: ErrorOptions) {
    super(`edition ${editionId} has no card yet`, options);
  }
}

/** A feed that answered, but not with a feed. */
export class FeedError extends Error {
  override name = "FeedError";
}
