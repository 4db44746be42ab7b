/**
 * Runs `work` over `items` with at most `limit` in flight; rejects with the first error after the
 * running ones settle. Order of completion is not preserved; results are not collected.
 */
export async function mapConcurrent<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let index = 0;
  let failure: unknown;
  const lane = async () => {
    while (failure === undefined && index < items.length) {
      const item = items[index++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure !== undefined) throw failure;
}
