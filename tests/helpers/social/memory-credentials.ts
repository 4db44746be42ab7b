import type { SocialNetwork } from "../../../functions/domain/social/network.js";
import type { CredentialStore, StoredCredentials } from "../../../functions/flows/ports/social.js";

/** The store and what it holds, for tests to assert on: `network/account` keys. */
export type MemoryCredentials = CredentialStore & {
  attention: Map<string, string>;
  stored: Map<string, StoredCredentials>;
};

/**
 * A credential store in memory with the port's optimistic versioning, for adapter tests that are
 * about a network's protocol, not about where tokens are kept (the DynamoDB store has its own test).
 */
export function memoryCredentials(): MemoryCredentials {
  const stored = new Map<string, StoredCredentials>();
  const attention = new Map<string, string>();
  const key = (network: SocialNetwork, account: string) => `${network}/${account}`;
  return {
    stored,
    attention,
    async get(network, account) {
      return stored.get(key(network, account));
    },
    async put(network, account, values, previousVersion) {
      const current = stored.get(key(network, account))?.version ?? 0;
      if (current !== previousVersion) return false;
      stored.set(key(network, account), { values, version: current + 1 });
      return true;
    },
    async flagAttention(network, account, reason) {
      attention.set(key(network, account), reason);
    },
    async clearAttention(network, account) {
      attention.delete(key(network, account));
    },
  };
}
