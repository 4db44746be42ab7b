import { consoleApp, withConsole } from "../../../functions/console/app.js";
import { buildConsoleAssets } from "../../../functions/console/build.js";
import type { TestHerald } from "../../helpers/herald.js";
import { serveOnLoopback } from "./serve-app.js";

/**
 * The API and the console on one loopback port, as `npm start` serves them, for a real browser.
 * Returns the base URL and a `stop`.
 */
export async function serveConsole(herald: TestHerald): Promise<{ url: string; stop(): Promise<void> }> {
  return serveOnLoopback(withConsole(herald.app.fetch, consoleApp(await buildConsoleAssets())));
}
