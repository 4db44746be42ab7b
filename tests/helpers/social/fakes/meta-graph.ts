import type { ServerResponse } from "node:http";
import { json, type SeenRequest } from "../loopback.js";

/** What Meta's Graph servers (Facebook and Threads) share, for their fakes. */

/** Answers with the Graph error envelope. */
export function graphError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  extra: { subcode?: number; transient?: boolean; headers?: Record<string, string> } = {},
) {
  json(
    res,
    status,
    {
      error: {
        message,
        type: "OAuthException",
        code,
        ...(extra.subcode !== undefined && { error_subcode: extra.subcode }),
        ...(extra.transient !== undefined && { is_transient: extra.transient }),
        fbtrace_id: "AbCdEfGhIjK",
      },
    },
    extra.headers,
  );
}

/** The token a request carries: `Authorization: Bearer …` or, as Graph also takes it, `access_token`. */
export function graphToken(req: SeenRequest): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith("Bearer ")) return header.slice("Bearer ".length);
  return req.query.get("access_token") ?? params(req).get("access_token") ?? undefined;
}

/** POST parameters, from the form body and the query string, as Graph reads both. */
export function params(req: SeenRequest): URLSearchParams {
  const merged = new URLSearchParams(req.query);
  if (req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")) {
    for (const [key, value] of new URLSearchParams(req.body.toString("utf8"))) merged.set(key, value);
  }
  return merged;
}

/** `X-Business-Use-Case-Usage` for a throttled business object. */
export function businessUseCaseUsage(objectId: string, minutes: number): Record<string, string> {
  const usage = {
    [objectId]: [
      {
        type: "pages",
        call_count: 100,
        total_cputime: 12,
        total_time: 14,
        estimated_time_to_regain_access: minutes,
      },
    ],
  };
  return { "x-business-use-case-usage": JSON.stringify(usage) };
}

/** Graph's answer to an expired user or Page token. */
export function expiredToken(res: ServerResponse) {
  graphError(
    res,
    400,
    190,
    "Error validating access token: Session has expired on Sunday, 01-Mar-26 09:00:00 PST.",
    {
      subcode: 463,
    },
  );
}
