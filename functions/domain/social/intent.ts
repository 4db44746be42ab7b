import { createHash } from "node:crypto";
import type { PostEngagement } from "./engagement.js";
import type { SocialNetwork } from "./network.js";

/**
 * The record that makes a social post happen exactly once per edition and account. It is created
 * before any job runs; a worker claims it (status `attempting`, with a lease) before it calls the
 * network, so two workers never call at once and a worker that died mid-call is recognised by its
 * expired lease: its post may exist, and is looked up before anything is published again.
 *
 * - `pending`: nothing posted yet (new, or refused for rate until `retryAt`)
 * - `attempting`: a worker is calling the network until `leaseUntil`
 * - `unknown`: a call may have posted; resolved by a lookup (or, on an idempotent network, by
 *   publishing again with the same key) at `retryAt`, or by a person once `checks` ran out
 * - `posted` and `failed`: final
 */
export type SocialIntentStatus = "pending" | "attempting" | "posted" | "failed" | "unknown";

export interface SocialIntent {
  editionId: string;
  network: SocialNetwork;
  account: string;
  status: SocialIntentStatus;
  /** Publish calls made (each one claimed first). */
  attempts: number;
  /** Calls in a row whose outcome stayed unknown (publishes, lookups, dead workers): the backoff's step. */
  unresolved: number;
  /** While `attempting`: epoch ms after which the claim is presumed dead. */
  leaseUntil?: number;
  /** While `pending` or `unknown`: not before this time (ISO). */
  retryAt?: string;
  url?: string;
  postId?: string;
  /** The network's words on the last failed or unresolved call. */
  error?: string;
  /** The last few of those, oldest first. */
  errors: string[];
  /** A note on the status that is not an error (a duplicate counted as posted, a person must check). */
  message?: string;
  createdAt: string;
  updatedAt: string;
  /** Likes, reposts and replies read an hour and a day after the post; written apart from the rest. */
  engagement?: PostEngagement;
  /** Bumped on every write; every write is conditional on the version it read. */
  version: number;
}

/** What an edition's status shows: a claim in progress is still `pending` to a reader. */
export type SocialStatus = "posted" | "failed" | "unknown" | "pending";

export function shownStatus(status: SocialIntentStatus): SocialStatus {
  return status === "attempting" ? "pending" : status;
}

/** Unresolved calls after which nobody publishes or looks up again: a person checks the account. */
export const MAX_UNRESOLVED = 6;
const FIRST_CHECK_MS = 60_000;
const LONGEST_WAIT_MS = 3_600_000;
const KEPT_ERRORS = 5;
const MAX_ERROR_LENGTH = 300;

/**
 * How long to wait before resolving an unknown outcome for the `unresolved`-th time: one minute
 * (a post a timed-out call made needs a moment to show in the account's feed), doubling, capped at
 * an hour.
 *
 * @example
 * unresolvedBackoffMs(1); // 60_000
 * unresolvedBackoffMs(3); // 240_000
 */
export function unresolvedBackoffMs(unresolved: number): number {
  return Math.min(LONGEST_WAIT_MS, FIRST_CHECK_MS * 2 ** Math.max(0, unresolved - 1));
}

/** The error history with `message` added, trimmed to the last few, each kept short. */
export function withError(errors: readonly string[], message: string): string[] {
  return [...errors, message.slice(0, MAX_ERROR_LENGTH)].slice(-KEPT_ERRORS);
}

/**
 * The key a network may deduplicate on (Mastodon's `Idempotency-Key`): the same for every attempt
 * at one edition's post to one account, and different for every other.
 *
 * @example
 * socialIdempotencyKey("ed_abc", "mastodon", "@news@example.social"); // 32 base64url characters
 */
export function socialIdempotencyKey(editionId: string, network: SocialNetwork, account: string): string {
  return createHash("sha256").update(`${editionId}\n${network}\n${account}`).digest("base64url").slice(0, 32);
}
