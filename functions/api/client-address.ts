import type { Context } from "hono";

/** Set by the edge's CloudFront Function to the viewer's address (infra/constructs/edge.ts). */
export const CLIENT_IP_HEADER = "x-herald-client-ip";
/** Sent by CloudFront with every origin request; its value is `HERALD_EDGE_ORIGIN_SECRET`. */
export const EDGE_ORIGIN_HEADER = "x-herald-edge";

/**
 * The caller's IP, for rate limiting and the consent record. Behind CloudFront, API Gateway sees
 * CloudFront's address, so the viewer's comes in `x-herald-client-ip`, trusted only when the request
 * also carries the edge's origin value (anyone can send the header to the API's own endpoint).
 * Otherwise, behind API Gateway, it is the request context's source IP (the last X-Forwarded-For hop
 * is the same value; earlier hops are whatever the client wrote). Locally the socket's peer address.
 */
export function clientAddress(c: Context, edgeSecret = process.env.HERALD_EDGE_ORIGIN_SECRET): string {
  const viaEdge =
    edgeSecret !== undefined && edgeSecret !== "" && c.req.header(EDGE_ORIGIN_HEADER) === edgeSecret;
  const viewer = viaEdge ? c.req.header(CLIENT_IP_HEADER)?.trim() : undefined;
  if (viewer) return viewer;
  const env = c.env as
    | {
        event?: { requestContext?: { http?: { sourceIp?: string } } };
        incoming?: { socket?: { remoteAddress?: string } };
      }
    | undefined;
  const fromLambda = env?.event?.requestContext?.http?.sourceIp;
  if (fromLambda) return fromLambda;
  const forwarded = c.req.header("x-forwarded-for")?.split(",").pop()?.trim();
  return forwarded || env?.incoming?.socket?.remoteAddress || "unknown";
}
