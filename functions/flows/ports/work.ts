import type { SignUp } from "../../domain/sign-up.js";

/**
 * Unfinished work, indexed apart from what is finished: a fan-out, a sign-up, a confirmation or a
 * social post is entered when it starts and removed when it is done, so the recovery pass reads only
 * what may have stopped, never every edition ever sent.
 */

export type WorkKind = "fanout" | "signup" | "confirmation" | "social";

export interface WorkEntry {
  kind: WorkKind;
  /**
   * The fan-out's id, `<subscriberId>#<consent time>` for a sign-up (`signUpWorkId`), the
   * subscriber's id for a confirmation, or `<editionId>#<network>#<account>` for a post.
   */
  id: string;
  /** When it was entered, or last handed to a queue again by recovery (ISO). */
  since: string;
  /** A sign-up's job itself: the table holds nothing else to queue it again from. */
  signUp?: SignUp;
}

export interface WorkLedger {
  /** Enters (or re-dates) a piece of unfinished work, with the sign-up it is; idempotent. */
  open(kind: WorkKind, id: string, at: Date, signUp?: SignUp): Promise<void>;
  /** Removes it: the work is done (or there is nothing left to do); idempotent. */
  close(kind: WorkKind, id: string): Promise<void>;
  /** Everything unfinished, a page at a time. */
  list(): AsyncIterable<WorkEntry[]>;
}
