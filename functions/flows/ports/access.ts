import type { AuditEntry } from "../../domain/access/audit-entry.js";
import type { Role } from "../../domain/access/admin-keys.js";
import type { SubscriberStats, StatsChange } from "../../domain/subscriber-stats.js";

/** Console sessions, the audit log and the subscriber counters: what the admin side keeps. */

export interface Session {
  /** The admin key's name, and a fingerprint of the key: a session dies with its key. */
  name: string;
  role: Role;
  keyFingerprint: string;
  csrfToken: string;
  /** Unix seconds. */
  expiresAt: number;
}

export interface SessionStore {
  /** Stores a session under a hash of its id (the cookie's value is never stored). */
  put(id: string, session: Session): Promise<void>;
  /** The session, if it exists and has not expired at `nowSeconds`. */
  get(id: string, nowSeconds: number): Promise<Session | undefined>;
  delete(id: string): Promise<void>;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor?: string;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first. A cursor this log did not hand out is refused with a `HeraldError`. */
  list(limit: number, cursor?: string): Promise<AuditPage>;
}

export interface SubscriberStatsRepo {
  /** Moves the counters by a change's deltas (sharded: many writers do not meet on one item). */
  apply(change: StatsChange): Promise<void>;
  /** The totals, and growth for each of `days` (YYYY-MM-DD, oldest first). */
  read(days: string[]): Promise<SubscriberStats>;
}
