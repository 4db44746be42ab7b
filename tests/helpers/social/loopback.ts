import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** A request as a fake network server saw it: the tests assert on these. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export type Route = (req: SeenRequest, res: ServerResponse) => void | Promise<void>;

export interface Loopback {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A server on 127.0.0.1 for a fake network: `route` answers every request, with the whole body
 * read first. Every request is kept in `requests`, in order.
 *
 * @example
 * const server = await startLoopback((req, res) => json(res, 200, { ok: true }));
 * await fetch(`${server.url}/bot1/sendMessage`, { method: "POST" });
 * server.requests[0].path; // "/bot1/sendMessage"
 */
export async function startLoopback(route: Route): Promise<Loopback> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const seen: SeenRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks),
    };
    requests.push(seen);
    try {
      await route(seen, res);
    } catch (error) {
      if (!res.headersSent) json(res, 500, { error: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with a JSON body and any extra headers. */
export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/** The request body parsed as JSON, or `undefined` when it is not JSON. */
export function jsonBody(req: SeenRequest): unknown {
  try {
    return JSON.parse(req.body.toString("utf8"));
  } catch {
    return undefined;
  }
}
