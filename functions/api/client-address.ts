import type { Context } from "hono";

/**
 * The caller's IP, for rate limiting and the consent record. Behind API Gateway it is the request
 * context's source IP (the last X-Forwarded-For hop is the same value; earlier hops are whatever the
 * client wrote). Locally it is the socket's peer address.
 */
export function clientAddress(c: Context): string {
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
