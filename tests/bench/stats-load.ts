import autocannon from "autocannon";
import { LATENCY_RATE, type LoadResult } from "./http-load.js";

const REQUESTS = 1_000;

async function run(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ amount: REQUESTS, connections: 10, ...options });
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  };
}

/**
 * The console's subscriber overview (`GET /v1/subscribers/stats`) against a server whose table holds
 * the seeded subscribers and their counters: flat out, then at the fixed offered rate for latency.
 */
export async function measureStatsLoad(base: string) {
  const options = {
    url: `${base}/v1/subscribers/stats`,
    headers: { authorization: "Bearer dev-viewer-key" },
  };
  await autocannon({ ...options, amount: 200, connections: 10 }); // warm-up, not measured
  const throughput = await run(options);
  const latency = await run({ ...options, overallRate: LATENCY_RATE });
  return { throughput, latency };
}
