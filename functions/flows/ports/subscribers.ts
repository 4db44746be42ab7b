import type { AudiencePartition } from "../../domain/audience.js";
import type { UnsubscribeWay } from "../../domain/audience-series.js";
import type { Recipient, Subscriber } from "../../domain/subscriber.js";

/** Subscribers, the audiences they are in, the suppression list and the sign-up rate limit. */

export interface AudienceMember {
  id: string;
  /** Where the member sits in its partition: a walk resumes after it. */
  key: string;
  topics: string[];
}

export interface AudiencePage {
  members: AudienceMember[];
  more: boolean;
}

export interface AudienceRepo {
  page(partition: AudiencePartition, after: string | undefined, limit: number): Promise<AudiencePage>;
  /**
   * Daily subscribers of one shard, grouped by topic combination (members of one combination are
   * next to each other), so a briefing chunk holds one combination and one template.
   */
  briefingPage(shard: number, after: string | undefined, limit: number): Promise<AudiencePage>;
}

/**
 * How fresh a batch read must be. `latest` sees every write that finished before it; `recent` may
 * miss one made in about the last second, for half the read cost: enough for a send's recipients, as
 * an unsubscribe is honoured within days by law (RFC 8058 and the mailbox providers ask for two).
 */
export type Freshness = "latest" | "recent";

export interface SubscriberRepo {
  get(id: string): Promise<Subscriber | undefined>;
  getMany(ids: string[], freshness?: Freshness): Promise<Map<string, Subscriber>>;
  /** What a send needs of each of these subscribers ({@link Recipient}), by id; the missing are left out. */
  recipients(ids: string[], freshness?: Freshness): Promise<Map<string, Recipient>>;
  /** Stores a new subscriber (and, when active, its audience entries); false if the address exists. */
  insert(subscriber: Subscriber): Promise<boolean>;
  /**
   * Writes `next` over `previous` (as it was read) in one transaction with the audience entries it
   * implies: entries are added, moved or deleted so that only an active subscriber is in any
   * audience. False when the record changed since it was read (read again and retry).
   */
  save(next: Subscriber, previous: Subscriber): Promise<boolean>;
  /**
   * Unsubscribes an active or pending subscriber at `at` with a write no concurrent change can
   * fail (saves yield to it instead), and takes them out of every audience. False when there was
   * nothing to do (no such subscriber, already unsubscribed, suppressed).
   */
  leave(id: string, at: string, way?: UnsubscribeWay): Promise<boolean>;
  /** Deletes the record and its audience entries (erasure); the suppression list keeps the hash. */
  erase(previous: Subscriber): Promise<boolean>;
  /**
   * Adds one soft bounce to `previous` (as it was read), once per `mark`, in one transaction with the
   * mark. `changed` when the record moved since it was read (read again and retry).
   */
  countSoftBounce(previous: Subscriber, mark: string): Promise<"counted" | "duplicate" | "changed">;
  /** Every subscriber, a page at a time, for the export. */
  all(): AsyncIterable<Subscriber[]>;
}

export type SuppressionReason = "bounce" | "complaint" | "erased" | "manual";

/**
 * The suppression list: hashed addresses (subscriber ids) never mailed again, whatever the kind of
 * send. It is the source of truth every sender checks; a subscriber's `suppressed` status mirrors it.
 */
export interface SuppressionRepo {
  /** The ids among `ids` that are suppressed. */
  suppressedAmong(ids: string[], freshness?: Freshness): Promise<Set<string>>;
  add(id: string, reason: SuppressionReason, at: string): Promise<void>;
  /** Lifts a suppression (an admin's decision); false if there was none. */
  clear(id: string): Promise<boolean>;
}

/**
 * Counts a client's requests per window, across every process that serves the API. A client is any
 * key: an IP, a mailbox (see `domain/mailbox.ts`), or one fixed name for a budget the whole service shares.
 */
export interface RateLimiter {
  /** Adds `cost` (default 1) to the client's count in the current fixed window; over `limit`, not ok. */
  hit(
    scope: string,
    client: string,
    limit: number,
    windowSeconds: number,
    cost?: number,
  ): Promise<{ ok: true } | { ok: false; retryAfter: number }>;
  /**
   * At most once per `intervalSeconds` for a client, measured from the last success (no window
   * boundary to slip two through): true when this call is the one.
   */
  claim(scope: string, client: string, intervalSeconds: number): Promise<boolean>;
}
