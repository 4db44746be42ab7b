import type { SocialIntent } from "../../domain/social/intent.js";
import type { SocialNetwork } from "../../domain/social/network.js";

/** Exactly-once social posting: intent records per edition and account, and the accounts' health. */

export interface SocialIntentRepo {
  /** Records a new intent unless this edition and account have one; returns the stored one either way. */
  create(intent: SocialIntent): Promise<{ created: boolean; intent: SocialIntent }>;
  get(editionId: string, network: SocialNetwork, account: string): Promise<SocialIntent | undefined>;
  /** Every intent of an edition (at most one per configured account). */
  listForEdition(editionId: string): Promise<SocialIntent[]>;
  /**
   * Replaces `current` with `next` (stored as version `current.version + 1`) if nobody wrote it since
   * `current` was read; returns what was stored, or undefined when another writer came first.
   */
  update(current: SocialIntent, next: SocialIntent): Promise<SocialIntent | undefined>;
}

export interface SocialAccountRef {
  network: SocialNetwork;
  account: string;
}

export interface SocialAccountStatus extends SocialAccountRef {
  status: "ok" | "needs_attention";
  /** Why a person must act (the network's words), and since when (ISO). */
  reason?: string;
  since?: string;
}

/**
 * Which accounts are configured, as the social worker last saw its settings, and whether any needs
 * a person. Readable by the API, which never sees the credentials themselves.
 */
export interface SocialAccountRegistry {
  register(accounts: SocialAccountRef[], at: Date): Promise<void>;
  list(): Promise<SocialAccountStatus[]>;
}
