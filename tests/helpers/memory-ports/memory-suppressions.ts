import type { SuppressionReason, SuppressionRepo } from "../../../functions/flows/ports.js";

/** The suppression list in a Map (hashed id → why and since when), open for a test to read. */
export interface MemorySuppressions extends SuppressionRepo {
  list: Map<string, { reason: SuppressionReason; at: string }>;
}

/** Like `adapters/dynamo/suppression-repo.ts`: `add` overwrites, `clear` says whether there was one. */
export function memorySuppressions(): MemorySuppressions {
  const list = new Map<string, { reason: SuppressionReason; at: string }>();
  return {
    list,
    async suppressedAmong(ids) {
      return new Set(ids.filter((id) => list.has(id)));
    },
    async add(id, reason, at) {
      list.set(id, { reason, at });
    },
    async clear(id) {
      return list.delete(id);
    },
  };
}
