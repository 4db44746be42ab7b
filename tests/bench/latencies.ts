const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Sequential GETs over HTTP, one at a time, each to its last byte: how long one request takes, not
 * queueing behind others. The body is read chunk by chunk and dropped: joined into one buffer, a
 * 586 KB stats answer is a large object for the old generation each time, and the collections that
 * follow cost the client more CPU than the server spends (below, `read-loop.ts`).
 *
 * @example
 * const { p50Ms, p99Ms } = await latencies([`${base}/health`], { headers: { accept: "application/json" } });
 */
export async function latencies(urls: string[], init: RequestInit = {}) {
  const ms: number[] = [];
  let bad = 0;
  for (const url of urls) {
    const t = performance.now();
    const res = await fetch(url, { redirect: "manual", ...init });
    for await (const _ of res.body ?? []);
    ms.push(performance.now() - t);
    if (res.status >= 400) bad++;
  }
  ms.sort((a, b) => a - b);
  return { p50Ms: +percentile(ms, 50).toFixed(1), p99Ms: +percentile(ms, 99).toFixed(1), bad };
}
