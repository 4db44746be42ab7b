import type { ChunkRecord, ChunkRepo } from "../../../functions/flows/ports.js";
import type { MemoryEditionRepo } from "./memory-edition-repo.js";

/** The store behind the repository: `<editionId>/<key>` → chunk, for a test to arrange and read. */
export interface MemoryChunkRepo extends ChunkRepo {
  stored: Map<string, ChunkRecord>;
}

/**
 * Send chunks in a Map with the conditions of `adapters/dynamo/chunk-repo.ts`: a chunk is created
 * once, and `claim` and `record` succeed only on the version that was read, each moving it by one.
 * `record` moves the edition's counters with the chunk, as the adapter's transaction does.
 */
export function memoryChunkRepo(editions: Pick<MemoryEditionRepo, "addTally">): MemoryChunkRepo {
  const stored = new Map<string, ChunkRecord>();
  const at = (editionId: string, key: string) => `${editionId}/${key}`;
  const copy = (chunk: ChunkRecord): ChunkRecord => structuredClone(chunk);
  /** The stored chunk, if nobody wrote it since `chunk` was read. */
  const unchanged = (chunk: ChunkRecord) => {
    const current = stored.get(at(chunk.editionId, chunk.key));
    return current?.version === chunk.version ? current : undefined;
  };
  return {
    stored,
    async *unfinished(editionId) {
      yield [...stored.values()]
        .filter((c) => c.editionId === editionId && !c.done)
        .map((c) => ({ key: c.key, ...(c.leaseUntil !== undefined ? { leaseUntil: c.leaseUntil } : {}) }));
    },
    async leased(editionId, nowMs) {
      return [...stored.values()]
        .filter((c) => c.editionId === editionId && c.leaseUntil !== undefined && c.leaseUntil > nowMs)
        .map((c) => c.key);
    },
    async createOrGet(editionId, key, recipients, lastKey, variant) {
      const existing = stored.get(at(editionId, key));
      if (existing) return copy(existing);
      const chunk: ChunkRecord = {
        editionId,
        key,
        recipients: [...recipients],
        lastKey,
        ...(variant !== undefined ? { variant } : {}),
        outcomes: {},
        inflight: [],
        done: false,
        version: 0,
      };
      stored.set(at(editionId, key), chunk);
      return copy(chunk);
    },
    async get(editionId, key) {
      const chunk = stored.get(at(editionId, key));
      return chunk && copy(chunk);
    },
    async claim(chunk, leaseUntil, inflight) {
      const current = unchanged(chunk);
      if (!current) return undefined;
      Object.assign(current, { leaseUntil, inflight: [...inflight], version: chunk.version + 1 });
      return { ...chunk, leaseUntil, inflight, version: chunk.version + 1 };
    },
    async record(chunk, outcomes, done, tally) {
      const current = unchanged(chunk);
      if (!current) return false;
      editions.addTally(chunk.editionId, tally, done);
      Object.assign(current.outcomes, structuredClone(outcomes));
      current.done = done;
      current.version += 1;
      current.leaseUntil = undefined;
      current.inflight = [];
      return true;
    },
    async *undone(editionId) {
      const keys = [...stored.values()]
        .filter((c) => c.editionId === editionId && !c.done)
        .map((c) => c.key)
        .sort();
      if (keys.length) yield keys;
    },
  };
}
