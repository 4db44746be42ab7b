/** How a read of several ids is kept: its age limit, the clock, and how many ids at most. */
export interface RecentReadsOptions {
  /** How long a value is served without reading it again. */
  maxAgeMs: number;
  /** Ids kept at most; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Wraps a read by ids so that each id's value is read at most once per `maxAgeMs`, and requests
 * arriving together share one read. For the lists the console polls every few seconds: the
 * counter shards of twenty editions are 320 items, and every open console asks for the same
 * page. A failed read is forgotten, so the next request tries again.
 *
 * @example
 * const feedbackOf = recentReads((ids) => shardCounts(db, table, ids), { maxAgeMs: 2_000 });
 * const counts = await feedbackOf(["ed_1", "ed_2"]); // read once; again only after 2 s
 */
export function recentReads<V>(
  read: (ids: string[]) => Promise<Map<string, V>>,
  { maxAgeMs, maxEntries = 2_000, now = Date.now }: RecentReadsOptions,
): (ids: string[]) => Promise<Map<string, V | undefined>> {
  const kept = new Map<string, { at: number; value: Promise<V | undefined> }>();
  return async (ids) => {
    const at = now();
    const due = ids.filter((id) => {
      const entry = kept.get(id);
      return !entry || at - entry.at >= maxAgeMs;
    });
    if (due.length > 0) {
      const reading = read(due);
      for (const id of due) {
        const value = reading.then((found) => found.get(id));
        // Forgotten on failure; the caller still sees the error through `Promise.all` below.
        value.catch(() => kept.get(id)?.value === value && kept.delete(id));
        kept.delete(id);
        kept.set(id, { at, value });
      }
    }
    const pending = ids.map((id) => kept.get(id)?.value);
    for (const id of kept.keys()) {
      if (kept.size <= maxEntries) break;
      kept.delete(id);
    }
    const values = await Promise.all(pending);
    return new Map(ids.map((id, i) => [id, values[i]]));
  };
}
