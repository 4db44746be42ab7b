import type { CredentialStore } from "../../../flows/ports/social.js";

/**
 * What every social adapter's factory takes: the network's settings, the store that keeps its
 * renewed credentials and attention flags, a clock, and the wire.
 *
 * @example
 * export type XAdapterOptions = AdapterOptions<XSettings>;
 * createXAdapter({ settings, credentials, now: () => new Date(), timeoutMs: 2_000 });
 */
export interface AdapterOptions<Settings> {
  settings: Settings;
  credentials: CredentialStore;
  now: () => Date;
  /** The global `fetch` unless given. */
  fetch?: typeof globalThis.fetch;
  /** Per call, body included; 10 s unless given. */
  timeoutMs?: number;
}
