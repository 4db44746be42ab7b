import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { consoleApp, withConsole } from "../../../functions/console/app.js";
import { buildConsoleAssets } from "../../../functions/console/build.js";
import type { TestHerald } from "../../helpers/herald.js";

/**
 * The API and the console on one loopback port, as `npm start` serves them, for a real browser.
 * Returns the base URL and a `stop`.
 */
export async function serveConsole(herald: TestHerald): Promise<{ url: string; stop(): Promise<void> }> {
  const fetch = withConsole(herald.app.fetch, consoleApp(await buildConsoleAssets()));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
