import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { Readable } from "node:stream";

/** Statuses whose response has no body (the `Response` constructor refuses one). */
const NO_BODY = new Set([204, 205, 304]);

/**
 * A GET over `node:http(s)` whose connection goes wherever `lookup` says: unlike the global
 * `fetch`, the caller decides the address (see `checked-lookup.ts`). Redirects are not followed;
 * the answer is a standard `Response`. No connection is pooled, so none made under another lookup
 * is reused.
 *
 * @example
 * const res = await getWithLookup(new URL(url), { headers: {}, signal, lookup });
 */
export function getWithLookup(
  url: URL,
  init: { headers: Record<string, string>; signal: AbortSignal; lookup: LookupFunction },
): Promise<Response> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      { method: "GET", headers: init.headers, lookup: init.lookup, signal: init.signal, agent: false },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 599) {
          res.destroy();
          return reject(new Error(`unexpected status ${status}`));
        }
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const one of [value ?? []].flat()) headers.append(name, one);
        }
        if (NO_BODY.has(status)) res.resume();
        const body = NO_BODY.has(status) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        resolve(new Response(body, { status, headers }));
      },
    );
    req.once("error", reject);
    req.end();
  });
}
