import type { ComposeOptions, SocialPostFor } from "../../domain/social/compose.js";
import type { EngagementCounts } from "../../domain/social/engagement.js";
import type { SocialNetwork } from "../../domain/social/network.js";

/**
 * Posting to the newsroom's social accounts. One adapter per configured account;
 * adapters are the only code that knows a network's wire format. They never throw for an answer
 * the network gave: every answer is reduced to one of these outcomes, with the network's own words.
 */

/** What one publish call came to. */
export type PublishOutcome =
  | { kind: "posted"; postId: string; url: string }
  /** Refused for rate: nothing was posted; try again at `retryAt`, read from the network's own signal. */
  | { kind: "rate_limited"; retryAt: Date; message: string }
  /** Timed out or a 5xx: the post may exist. Never publish again before `lookup` says it does not. */
  | { kind: "unknown"; message: string }
  /** The network says this post exists already; `url`/`postId` when it names it. Counts as posted. */
  | { kind: "duplicate"; postId?: string; url?: string; message: string }
  /** The credentials are dead (expired or revoked) and could not be refreshed: a person must act. */
  | { kind: "auth"; message: string }
  /** Refused for good (validation, permissions, policy): the network's own message. */
  | { kind: "failed"; message: string };

/** What looking a post up after an `unknown` publish came to. */
export type LookupOutcome =
  | { kind: "found"; postId: string; url: string }
  | { kind: "absent" }
  | Extract<PublishOutcome, { kind: "unknown" | "rate_limited" | "auth" }>;

/** A post as the network knows it: what an engagement read asks about. */
export interface PostRef {
  postId: string;
  url: string;
}

/**
 * What reading a post's counts came to. `retryable`: a passing fault (rate limit, 5xx, no answer)
 * that a later read may get past; a deleted post, refused permissions or dead credentials are not.
 */
export type EngagementOutcome =
  | { kind: "read"; counts: EngagementCounts }
  | { kind: "failed"; message: string; retryable: boolean };

export interface PublishRequest<N extends SocialNetwork = SocialNetwork> {
  editionId: string;
  post: SocialPostFor<N>;
  /** The article URL as posted (UTM-tagged for this network): what a lookup matches on. */
  url: string;
  /** The 1200×630 card PNG, read only by adapters that upload it. */
  card: () => Promise<Uint8Array>;
  /** Where the card is served publicly (`/v1/editions/{id}/card.png`), for networks that fetch it. */
  cardUrl: string;
  /** Stable for this edition and account: the same post gets the same key on every attempt. */
  idempotencyKey: string;
}

export interface SocialAdapter<N extends SocialNetwork = SocialNetwork> {
  readonly network: N;
  /** The configured account's name (handle, page id, channel), as shown in an edition's status. */
  readonly account: string;
  /**
   * True when publishing again with the same `idempotencyKey` can never make a second post
   * (Mastodon's `Idempotency-Key`): an unknown outcome is then resolved by publishing again.
   */
  readonly idempotent: boolean;
  publish(request: PublishRequest<N>): Promise<PublishOutcome>;
  /** After an `unknown` publish: does the post exist on the account? Read-only. */
  lookup(request: PublishRequest<N>): Promise<LookupOutcome>;
  /**
   * Limits the account's own server states (Mastodon's `GET /api/v2/instance`), read before the post
   * is composed; absent or failing, the network's documented defaults apply.
   */
  composeOptions?(): Promise<ComposeOptions>;
  /**
   * The post's likes, reposts, replies and quotes as the network counts them now. Read-only; absent
   * on a network that gives the account no counts (Telegram's Bot API), so no look-up is scheduled.
   */
  readEngagement?(post: PostRef): Promise<EngagementOutcome>;
}

/** Tokens an adapter obtained itself (sessions, refreshed OAuth tokens), kept between invocations. */
export interface StoredCredentials {
  values: Record<string, string>;
  /** Bumped on every write: a write based on an older version loses (another worker refreshed first). */
  version: number;
}

/**
 * Where adapters keep the tokens they refresh, and mark an account whose credentials are dead so a
 * person is told instead of every post failing silently.
 */
export interface CredentialStore {
  get(network: SocialNetwork, account: string): Promise<StoredCredentials | undefined>;
  /** Stores `values` if the stored version is still `previousVersion` (0: none stored); says whether it did. */
  put(
    network: SocialNetwork,
    account: string,
    values: Record<string, string>,
    previousVersion: number,
  ): Promise<boolean>;
  flagAttention(network: SocialNetwork, account: string, reason: string, at: Date): Promise<void>;
  clearAttention(network: SocialNetwork, account: string): Promise<void>;
}
