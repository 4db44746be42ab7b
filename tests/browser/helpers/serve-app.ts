import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

type Fetch = (request: Request) => Response | Promise<Response>;

/**
 * Serves a Hono `fetch` on a loopback port, as `npm start` does, so a real browser can load it.
 * Returns the base URL and a `stop`.
 *
 * @example
 * const site = await serveOnLoopback(herald.app.fetch);
 * await page.goto(`${site.url}/v1/confirm?token=…`);
 */
export async function serveOnLoopback(fetch: Fetch): Promise<{ url: string; stop(): Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
