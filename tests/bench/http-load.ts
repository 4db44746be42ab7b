import autocannon from "autocannon";
import { secretsFromEnv } from "../../functions/adapters/env-secrets.js";
import { subscriberId } from "../../functions/domain/subscriber.js";
import { issueToken } from "../../functions/domain/tokens.js";
import { viaEdge } from "./bench-edge.js";

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

const REQUESTS = 1_000;
const CONNECTIONS = 10;
/** The offered load of the latency runs: a busy sign-up spike for one newsroom. */
export const LATENCY_RATE = 100;

async function run(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ amount: REQUESTS, connections: CONNECTIONS, ...options });
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  };
}

/**
 * Each endpoint twice: flat out (10 connections, as fast as it answers) for throughput, then at a
 * fixed offered rate for latency. Flat out on two shared cores, latency is only queueing behind the
 * load generator and DynamoDB Local; the fixed rate measures how long a request takes.
 */
async function both(options: () => autocannon.Options) {
  const throughput = await run(options());
  const latency = await run({ ...options(), overallRate: LATENCY_RATE });
  return { throughput, latency };
}

/**
 * A bounded load (1,000 requests a run) against a running local server: sign-ups of
 * distinct addresses from distinct viewers, as CloudFront hands them to the API (bench-edge.ts; the
 * per-client limit is then what a crowd meets, not what one load generator meets), then one-click unsubscribes of those same addresses with their signed tokens.
 */
export async function measureHttpLoad(base: string) {
  // Warm the server's code paths (and DynamoDB Local's JIT) with a short unmeasured burst.
  await autocannon({ url: `${base}/health`, amount: 500, connections: CONNECTIONS });
  let n = 0;
  const subscribe = await both(() => ({
    url: base,
    requests: [
      {
        method: "POST",
        path: "/v1/subscribers",
        setupRequest: (req) => {
          n++;
          return {
            ...req,
            headers: {
              "content-type": "application/json",
              ...viaEdge(n),
            },
            body: JSON.stringify({ email: `load${n}@bench.example`, topics: ["world"] }),
          };
        },
      },
    ],
  }));
  const keys = secretsFromEnv({}).tokenKeys;
  const now = Math.floor(Date.now() / 1000);
  let m = 0;
  const unsubscribe = await both(() => ({
    url: base,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          m = (m % n) + 1;
          const token = issueToken(keys, "unsubscribe", subscriberId(`load${m}@bench.example`), 0, now);
          return {
            ...req,
            path: `/v1/unsubscribe?token=${token}`,
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: "List-Unsubscribe=One-Click",
          };
        },
      },
    ],
  }));
  return { subscribe, unsubscribe };
}
