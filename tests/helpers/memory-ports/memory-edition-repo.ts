import type { Tally } from "../../../functions/domain/chunk.js";
import type { Counts } from "../../../functions/domain/edition.js";
import type { RenderedEdition } from "../../../functions/domain/rendered.js";
import type { EditionRecord, EditionRepo } from "../../../functions/flows/ports.js";
import { memoryEditionEditorial } from "./memory-edition-editorial.js";

/** The store behind the repository, open for a test to arrange and to read back. */
export interface MemoryEditionRepo extends EditionRepo {
  records: Map<string, EditionRecord>;
  /** What a chunk's `record` moves on the edition item, in the same transaction on DynamoDB. */
  addTally(id: string, tally: Tally, chunkDone: boolean): void;
}

/**
 * Editions in a Map, with the conditions of `adapters/dynamo/edition-repo.ts`: a create that finds
 * the id keeps the stored edition, transitions and checkpoints move only from what they expect, and
 * every read is a copy (as a read from DynamoDB is), so a flow never changes the store by mutation.
 */
export function memoryEditionRepo(now: () => Date): MemoryEditionRepo {
  const records = new Map<string, EditionRecord>();
  const renders = new Map<string, RenderedEdition>();
  const shares = new Map<string, Record<string, number>>();
  const marks = new Set<string>();
  const sendRates = new Map<string, Map<string, number>>();
  const copy = <T>(value: T): T => structuredClone(value);
  const stored = (id: string) => {
    const record = records.get(id);
    // DynamoDB refuses to add to counters of a missing item: so does the Map.
    if (!record) throw new Error(`edition ${id} is not stored`);
    return record;
  };
  const touch = (record: EditionRecord) => {
    record.updatedAt = now().toISOString();
  };
  return {
    records,
    ...memoryEditionEditorial(records, sendRates, now),
    async markRecovered(id, at) {
      const record = records.get(id);
      if (record) records.set(id, { ...record, recoveredAt: at.toISOString() });
    },
    addTally(id, tally, chunkDone) {
      const record = stored(id);
      for (const kind of ["sent", "failed", "skipped", "unknown", "cancelled"] as const)
        record.counts[kind] = (record.counts[kind] ?? 0) + tally[kind];
      if (chunkDone) record.chunksDone += 1;
      record.progressAt = now().toISOString();
      // The console's send-rate chart: recipients sent per minute, as the adapter counts them.
      const minute = now().toISOString().slice(0, 16);
      const rates = sendRates.get(id) ?? new Map<string, number>();
      if (tally.sent > 0) sendRates.set(id, rates.set(minute, (rates.get(minute) ?? 0) + tally.sent));
    },
    async create(edition) {
      const existing = records.get(edition.id);
      if (existing) return { created: false, edition: copy(existing) };
      records.set(edition.id, copy(edition));
      return { created: true, edition };
    },
    async get(id) {
      const record = records.get(id);
      return record && copy(record);
    },
    async progress(id) {
      const record = records.get(id);
      if (!record) return undefined;
      const { article: _article, ...progress } = copy(record);
      return progress;
    },
    async fence(id) {
      const record = records.get(id);
      return record && { status: record.status, baselineSent: record.rateBaseline?.sent ?? 0 };
    },
    async *createdBetween(from, until) {
      const found = [...records.values()]
        .filter((e) => e.createdAt > from && e.createdAt <= until)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      if (found.length) yield copy(found);
    },
    async list(limit) {
      const newest = [...records.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return { editions: copy(newest.slice(0, limit)) };
    },
    async transition(id, from, to, reason) {
      const record = records.get(id);
      if (!record || !from.includes(record.status)) return false;
      record.status = to;
      record.statusReason = reason;
      touch(record);
      return true;
    },
    async checkpoint(id, partition, previous, next, added) {
      const record = stored(id);
      const current = record.plan[partition];
      // The adapter's condition: the stored checkpoint's `next` is the one read, or there is none.
      if (previous ? current?.next !== previous.next : current !== undefined) return false;
      record.plan[partition] = copy(next);
      record.counts.planned += added.recipients;
      record.chunksTotal += added.chunks;
      return true;
    },
    async finishPlan(id) {
      stored(id).planDone = true;
    },
    async completeIfFinished(id) {
      const record = records.get(id);
      if (record?.status !== "sending" || !record.planDone || record.chunksDone < record.chunksTotal)
        return false;
      record.status = "sent";
      touch(record);
      return true;
    },
    async saveRender(id, rendered) {
      renders.set(id, copy(rendered));
    },
    async getRender(id) {
      const rendered = renders.get(id);
      return rendered && copy(rendered);
    },
    async countShare(id, network) {
      const counts = shares.get(id) ?? {};
      counts[network] = (counts[network] ?? 0) + 1;
      shares.set(id, counts);
    },
    async shares(id) {
      return { ...shares.get(id) };
    },
    async countFeedback(id, counter, mark) {
      const record = records.get(id);
      if (!record) return "no-edition";
      if (marks.has(mark)) return "duplicate";
      marks.add(mark);
      record.counts[counter] += 1;
      return "counted";
    },
    async resume(id, baseline: Counts) {
      const record = records.get(id);
      if (record?.status !== "paused") return false;
      record.status = "sending";
      record.statusReason = undefined;
      record.rateBaseline = copy(baseline);
      touch(record);
      return true;
    },
  };
}
