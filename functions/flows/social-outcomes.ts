import {
  MAX_UNRESOLVED,
  type SocialIntent,
  unresolvedBackoffMs,
  withError,
} from "../domain/social/intent.js";
import type { LookupOutcome, PublishOutcome } from "./ports/social.js";

/**
 * How one network call changes a social intent, as pure functions over the intent the worker
 * claimed: the flow stores `intent`, defers its job to `retryAt`, and flags or clears the account.
 */
export interface Step {
  intent: SocialIntent;
  retryAt?: Date;
  /** The account's credentials are dead: a person must act (the network's words). */
  flag?: string;
  /** A post went through: any earlier flag on the account is stale. */
  clearFlag?: boolean;
  /** A lookup found nothing: publish now, under a fresh claim. */
  publish?: boolean;
}

const RATE_JITTER_MS = 5_000;

/** Status `attempting` until the lease ends; a publish counts as an attempt. */
export function claimed(
  intent: SocialIntent,
  kind: "publish" | "lookup",
  now: Date,
  leaseMs: number,
): SocialIntent {
  return {
    ...intent,
    status: "attempting",
    leaseUntil: now.getTime() + leaseMs,
    retryAt: undefined,
    attempts: intent.attempts + (kind === "publish" ? 1 : 0),
    updatedAt: now.toISOString(),
  };
}

function settled(intent: SocialIntent, now: Date, change: Partial<SocialIntent>): SocialIntent {
  return {
    ...intent,
    leaseUntil: undefined,
    retryAt: undefined,
    message: undefined,
    ...change,
    updatedAt: now.toISOString(),
  };
}

function posted(intent: SocialIntent, now: Date, found: { url?: string; postId?: string }, message?: string) {
  return {
    intent: settled(intent, now, { status: "posted", ...found, error: undefined, unresolved: 0, message }),
    clearFlag: true,
  };
}

/** Another unresolved call: look again after a growing wait, or leave it to a person once they ran out. */
function unresolved(intent: SocialIntent, now: Date, message: string): Step {
  const count = intent.unresolved + 1;
  const errors = withError(intent.errors, message);
  if (count >= MAX_UNRESOLVED) {
    const note = `the outcome stayed unknown after ${count} tries: a person must check the account; nothing is posted again`;
    return {
      intent: settled(intent, now, {
        status: "unknown",
        unresolved: count,
        error: message,
        errors,
        message: note,
      }),
    };
  }
  const retryAt = new Date(now.getTime() + unresolvedBackoffMs(count));
  return {
    intent: settled(intent, now, {
      status: "unknown",
      unresolved: count,
      error: message,
      errors,
      retryAt: retryAt.toISOString(),
    }),
    retryAt,
  };
}

/** Refused for rate: wait for the network's own time, plus a little so retries do not arrive together. */
function rateLimited(
  intent: SocialIntent,
  now: Date,
  outcome: { retryAt: Date; message: string },
  random: number,
) {
  const at = new Date(
    Math.max(outcome.retryAt.getTime(), now.getTime()) + Math.floor(random * RATE_JITTER_MS),
  );
  const status = intent.unresolved > 0 ? "unknown" : "pending";
  return {
    intent: settled(intent, now, {
      status,
      retryAt: at.toISOString(),
      error: outcome.message,
      errors: withError(intent.errors, outcome.message),
    }),
    retryAt: at,
  };
}

export function afterPublish(intent: SocialIntent, outcome: PublishOutcome, now: Date, random: number): Step {
  switch (outcome.kind) {
    case "posted":
      return posted(intent, now, { url: outcome.url, postId: outcome.postId });
    case "duplicate":
      return posted(
        intent,
        now,
        { url: outcome.url, postId: outcome.postId },
        outcome.url
          ? `the network already had this post: ${outcome.message}`
          : `counted as posted: the network reports a duplicate but names no post (${outcome.message})`,
      );
    case "rate_limited":
      return rateLimited(intent, now, outcome, random);
    case "unknown":
      return unresolved(intent, now, outcome.message);
    case "auth":
      return {
        intent: settled(intent, now, {
          status: "failed",
          error: outcome.message,
          errors: withError(intent.errors, outcome.message),
          message: "the account's credentials must be renewed",
        }),
        flag: outcome.message,
      };
    case "failed":
      return {
        intent: settled(intent, now, {
          status: "failed",
          error: outcome.message,
          errors: withError(intent.errors, outcome.message),
        }),
      };
  }
}

export function afterLookup(intent: SocialIntent, outcome: LookupOutcome, now: Date, random: number): Step {
  switch (outcome.kind) {
    case "found":
      return posted(intent, now, { url: outcome.url, postId: outcome.postId });
    case "absent":
      // Known not to exist: a publish that follows is a first one again.
      return { intent: { ...intent, unresolved: 0 }, publish: true };
    case "unknown":
      return unresolved(intent, now, outcome.message);
    case "rate_limited":
      return rateLimited(intent, now, outcome, random);
    case "auth":
      // Whether the post exists cannot be checked: it stays unknown, for a person, once they renew.
      return {
        intent: settled(intent, now, {
          status: "unknown",
          error: outcome.message,
          errors: withError(intent.errors, outcome.message),
          message: "the credentials must be renewed and the account checked by a person",
        }),
        flag: outcome.message,
      };
  }
}

/** A claim whose lease ran out: the worker died during its call, so the post may exist. */
export function abandoned(intent: SocialIntent, now: Date): Step {
  return unresolved(intent, now, "the worker stopped during its call to the network; the outcome is unknown");
}
