import type { Hono } from "hono";
import { createApp } from "../api/app.js";
import { trackingApp, withTracking } from "../api/tracking-app.js";
import type { LocalRuntime } from "./runtime.js";

/**
 * The API and the tracking function's app behind one port, routed by path as API Gateway routes
 * them on AWS (`npm start`, the test harness, the bench).
 *
 * @example
 * serve({ fetch: localApp(runtime).fetch, port: 3000 });
 */
export function localApp(runtime: Pick<LocalRuntime, "ports" | "stats">): Hono {
  return withTracking(createApp(runtime.ports), trackingApp(runtime.ports, runtime.stats));
}
