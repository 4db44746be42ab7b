import { CLIENT_IP_HEADER, EDGE_ORIGIN_HEADER } from "../../functions/domain/edge-headers.js";

/**
 * The benchmark's load generator stands where CloudFront stands in production: the API server it
 * starts (api-server.ts) believes this origin value, so each request can come from its own viewer
 * address, as a crowd of readers signing up does. The per-client limit itself is left as it is.
 */
export const BENCH_EDGE_SECRET = "bench-edge-origin";

/**
 * The headers CloudFront adds for viewer `n`: a distinct address per request.
 *
 * @example
 * fetch(url, { headers: { ...viaEdge(7) } }); // from 10.0.0.7
 */
export const viaEdge = (n: number) => ({
  [EDGE_ORIGIN_HEADER]: BENCH_EDGE_SECRET,
  [CLIENT_IP_HEADER]: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
});
