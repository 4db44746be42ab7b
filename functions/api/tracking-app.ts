import { Hono } from "hono/tiny";
import type { Ports, StatsReader } from "../flows/ports.js";
import { mountAdmin } from "./admin-routes.js";
import { jsonError, onError } from "./errors.js";
import { audienceStatsRoutes } from "./routes/audience-stats.js";
import { engagementStatsRoutes } from "./routes/engagement-stats.js";
import { subscriberExportRoutes } from "./routes/subscriber-export.js";
import { trackingRoutes } from "./routes/tracking.js";

/** The paths the tracking function answers; everything else is the API's. */
const TRACKING_PATH =
  /^\/(?:r\/|o\/|v1\/stats\/audience$|v1\/subscribers\/export$|v1\/(?:editions|briefings)\/[^/]+\/stats$)/;

/**
 * Whether a request path belongs to the tracking function (API Gateway routes these to it on AWS).
 *
 * @example
 * isTrackingPath("/r/abc"); // true
 */
export const isTrackingPath = (path: string) => TRACKING_PATH.test(path);

/**
 * The tracking function's app: the tracked link (`/r/<token>`), the open pixel (`/o/<token>`), the
 * stats endpoints and the subscriber export (admin, behind the same guard as the API's). A function of its own so the
 * API's bundle keeps its size budget, and so a burst of readers' clicks after a big send has its
 * own concurrency.
 *
 * @example
 * const app = trackingApp(ports, dynamoStatsReader(db, table));
 */
export function trackingApp(ports: Ports, stats: StatsReader): Hono {
  const app = new Hono();
  app.onError(onError(ports.log));
  app.notFound((c) => jsonError(c, "not_found", `no route for ${c.req.method} ${c.req.path}`));
  trackingRoutes(app, ports);
  mountAdmin(app, ports, (admin) => {
    engagementStatsRoutes(admin, ports, stats);
    audienceStatsRoutes(admin, ports, stats);
    subscriberExportRoutes(admin, ports);
  });
  return app;
}

/**
 * One app for both (`npm start`, the test harness, the bench): tracking paths to the tracking app,
 * everything else to the API, as API Gateway routes them on AWS.
 *
 * @example
 * const app = withTracking(createApp(ports), trackingApp(ports, stats));
 */
export function withTracking(api: Hono, tracking: Hono): Hono {
  const app = new Hono();
  app.all("*", (c) => (isTrackingPath(c.req.path) ? tracking : api).fetch(c.req.raw, c.env));
  return app;
}
