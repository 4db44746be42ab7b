import type { EditionRecord, EditionRepo, MoveResult } from "../../../functions/flows/ports.js";

/**
 * The editorial writes of `adapters/dynamo/edition-editorial.ts` over the in-memory editions: a move
 * happens only from one of its `from` statuses (and, with `ifLatestOf`, only while the edition is its
 * article's latest version); the newest publication holds the latest-version mark.
 */
export function memoryEditionEditorial(
  records: Map<string, EditionRecord>,
  sendRates: Map<string, Map<string, number>>,
  now: () => Date,
): Pick<EditionRepo, "move" | "markLatest" | "sendRate"> {
  const latest = new Map<string, { editionId: string; createdAt: string }>();
  return {
    async move(id, change): Promise<MoveResult> {
      const record = records.get(id);
      if (!record || !change.from.includes(record.status)) return "status";
      if (change.ifLatestOf && latest.get(change.ifLatestOf)?.editionId !== id) return "superseded";
      record.status = change.to;
      record.updatedAt = now().toISOString();
      if (change.reason) record.statusReason = change.reason;
      else delete record.statusReason;
      for (const [field, value] of Object.entries(change.set ?? {})) {
        if (value !== undefined) Object.assign(record, { [field]: value });
      }
      for (const field of change.remove ?? []) delete record[field];
      return "moved";
    },
    async markLatest(articleId, editionId, createdAt) {
      const held = latest.get(articleId);
      if (held && held.createdAt > createdAt && held.editionId !== editionId) return undefined;
      latest.set(articleId, { editionId, createdAt });
      return held && held.editionId !== editionId ? held.editionId : undefined;
    },
    async sendRate(id) {
      const minutes = [...(sendRates.get(id) ?? new Map<string, number>()).entries()];
      return minutes.sort(([a], [b]) => a.localeCompare(b)).map(([minute, sent]) => ({ minute, sent }));
    },
  };
}
