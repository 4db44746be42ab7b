import type { Context } from "hono";
import { CLIENT_IP_HEADER, EDGE_ORIGIN_HEADER } from "../domain/edge-headers.js";

/** `::ffff:192.0.2.1` is how a dual-stack socket shows an IPv4 peer: one spelling per address. */
const plain = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");

let fromEnv: ReadonlySet<string> | undefined;
/** `HERALD_TRUSTED_PROXIES`: comma-separated addresses of the reverse proxies in front of the local server. */
function configuredProxies(): ReadonlySet<string> {
  fromEnv ??= new Set((process.env.HERALD_TRUSTED_PROXIES ?? "").split(",").map(plain).filter(Boolean));
  return fromEnv;
}

export interface ClientAddressOptions {
  /** Reverse proxies whose `X-Forwarded-For` hops are believed (local server). */
  trustedProxies?: ReadonlySet<string>;
  /** The value CloudFront sends in `x-herald-edge`; only then is `x-herald-client-ip` believed. */
  edgeSecret?: string;
}

/**
 * The caller's IP, for rate limiting and the consent record.
 * - Behind CloudFront: API Gateway sees CloudFront's address, so the viewer's comes in
 *   `x-herald-client-ip`, believed only when the request also carries the edge's origin value
 *   (anyone can send the header to the API's own endpoint).
 * - Behind API Gateway or a function URL: the platform's source IP, which no header can change.
 * - On a socket (the local server): the peer's address. `X-Forwarded-For` counts only when that
 *   peer is a configured proxy, and then only its hops added by configured proxies: the client is
 *   the rightmost hop that is not one. Anyone else's header is ignored, so rotating it buys nothing.
 * - With neither (a request made in-process, as tests do): the header's last hop, since only code
 *   in this process can make such a request.
 *
 * @example
 * const limit = await ports.rateLimiter.hit("sign-up", clientAddress(c), 20, 60);
 */
export function clientAddress(
  c: Context,
  {
    trustedProxies = configuredProxies(),
    edgeSecret = process.env.HERALD_EDGE_ORIGIN_SECRET,
  }: ClientAddressOptions = {},
): string {
  const viaEdge = !!edgeSecret && c.req.header(EDGE_ORIGIN_HEADER) === edgeSecret;
  const viewer = viaEdge ? c.req.header(CLIENT_IP_HEADER)?.trim() : undefined;
  if (viewer) return viewer;
  const env = c.env as
    | {
        event?: { requestContext?: { http?: { sourceIp?: string } } };
        incoming?: { socket?: { remoteAddress?: string } };
      }
    | undefined;
  const fromPlatform = env?.event?.requestContext?.http?.sourceIp;
  if (fromPlatform) return fromPlatform;
  const hops = (c.req.header("x-forwarded-for") ?? "").split(",").map(plain).filter(Boolean);
  const peer = env?.incoming?.socket?.remoteAddress;
  if (peer === undefined) return hops.at(-1) ?? "unknown";
  let client = plain(peer);
  while (trustedProxies.has(client) && hops.length > 0) client = hops.pop() as string;
  return client;
}
