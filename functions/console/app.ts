import { type Context, Hono } from "hono";
import type { ConsoleAssets } from "./assets.js";
import { consoleCsp, pageFor, shellHtml } from "./pages.js";

const SECURITY_HEADERS = {
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "cross-origin-opener-policy": "same-origin",
};

/** The reference page is plain HTML with its own styles: nothing to load, nothing to run. */
const REFERENCE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The console's own small app: page shells and built assets under `/console/`, and the OpenAPI
 * document at `/openapi.json` with its readable page at `/docs`. It holds no data and
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
  const serveAsset = (c: Context, name: string, headers: Record<string, string> = {}) => {
    const asset = assets.get(name);
    if (!asset) return c.text("not found", 404, SECURITY_HEADERS);
    const gzip = /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
    return c.body(gzip ? asset.gzip : asset.body, 200, {
      ...SECURITY_HEADERS,
      "content-type": asset.type,
      // Names carry no hash: a deploy must reach every open console at its next load.
      "cache-control": "no-cache",
      vary: "accept-encoding",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
      ...headers,
    });
  };
  app.get("/console/assets/:file", (c) => serveAsset(c, c.req.param("file")));
  // The HTTP contract: a static file like the console's, so the API's bundle does not carry it.
  app.get("/openapi.json", (c) => serveAsset(c, "openapi.json"));
  app.get("/docs", (c) => serveAsset(c, "docs.html", { "content-security-policy": REFERENCE_CSP }));
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

/** The paths the console's function answers beside `/console/…` (`infra/constructs/console.ts` routes them). */
export const REFERENCE_PATHS = ["/docs", "/openapi.json"] as const;

/** Whether a request is the console's (the local server mounts both apps on one port). */
export const isConsolePath = (path: string) =>
  path === "/console" ||
  path.startsWith("/console/") ||
  (REFERENCE_PATHS as readonly string[]).includes(path);

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
