import { Hono } from "hono";
import type { ConsoleAssets } from "./assets.js";
import { consoleCsp, pageFor, shellHtml } from "./pages.js";

const SECURITY_HEADERS = {
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "cross-origin-opener-policy": "same-origin",
};

/**
 * The console's own small app: page shells and built assets under `/console/`. It holds no data and
 * checks no session; every page's script asks `GET /v1/session` first and goes to sign-in without one,
 * and the data routes refuse anything without a session.
 *
 * @example
 * const app = consoleApp(await buildConsoleAssets());
 * await app.request("/console/editions"); // the Editions page's shell
 */
export function consoleApp(assets: ConsoleAssets): Hono {
  const app = new Hono();
  app.get("/console", (c) => c.redirect("/console/editions", 302));
  app.get("/console/assets/:file", (c) => {
    const asset = assets.get(c.req.param("file"));
    if (!asset) return c.text("not found", 404, SECURITY_HEADERS);
    const gzip = /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
    return c.body(gzip ? asset.gzip : asset.body, 200, {
      ...SECURITY_HEADERS,
      "content-type": asset.type,
      // Names carry no hash: a deploy must reach every open console at its next load.
      "cache-control": "no-cache",
      vary: "accept-encoding",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
  });
  app.get("/console/*", (c) => {
    const page = pageFor(c.req.path);
    if (!page) return c.redirect("/console/editions", 302);
    return c.html(shellHtml(page), 200, {
      ...SECURITY_HEADERS,
      "content-security-policy": consoleCsp(page),
      "cache-control": "no-cache",
    });
  });
  return app;
}

/** Whether a request is the console's (the local server mounts both apps on one port). */
export const isConsolePath = (path: string) => path === "/console" || path.startsWith("/console/");

// biome-ignore lint/suspicious/noExplicitAny: Hono's own fetch takes any env and execution context
type Fetch = (request: Request, ...rest: any[]) => Response | Promise<Response>;

/**
 * One server for both: console paths to the console app, everything else to the API (`npm start`
 * and the browser tests; on AWS, API Gateway routes `/console` to the console's own function).
 *
 * @example
 * serve({ fetch: withConsole(createApp(ports).fetch, consoleApp(assets)), port: 3000 });
 */
export function withConsole(api: Fetch, console: Hono): Fetch {
  return (request, ...rest) =>
    isConsolePath(new URL(request.url).pathname) ? console.fetch(request, ...rest) : api(request, ...rest);
}
