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
 * A console read (`/v1/subscribers/stats`, the subscriber overview; `/v1/editions`, the editions
 * list) against a server whose table holds the seeded data: flat out, then at the fixed offered rate
 * for latency.
 */
export async function measureStatsLoad(base: string, path = "/v1/subscribers/stats") {
  const options = {
    url: `${base}${path}`,
    headers: { authorization: "Bearer dev-viewer-key" },
  };
  await autocannon({ ...options, amount: 200, connections: 10 }); // warm-up, not measured
  const throughput = await run(options);
  const latency = await run({ ...options, overallRate: LATENCY_RATE });
  return { throughput, latency };
}
