import type { Handler } from "hono";
import { Hono } from "hono/tiny";
import type { Ports } from "../flows/ports.js";
import { adminGuard } from "./admin-auth.js";

/**
 * Admin routes, guarded by construction: they are registered on a sub-app of their own, then each
 * is mounted on the app with its guard in front of its handlers. A route on that sub-app cannot
 * exist without the guard, whatever the order of registration, and no public route gets it.
 *
 * @example
 * mountAdmin(app, ports, (admin) => editionRoutes(admin, ports));
 */
export function mountAdmin(app: Hono, ports: Ports, register: (admin: Hono) => void) {
  const admin = new Hono();
  register(admin);
  const routes = new Map<string, { method: string; path: string; handlers: Handler[] }>();
  for (const r of admin.routes) {
    if (r.method === "ALL") throw new Error(`admin routes name their method: ${r.path}`);
    const key = `${r.method} ${r.path}`;
    const route = routes.get(key) ?? { method: r.method, path: r.path, handlers: [] };
    route.handlers.push(r.handler as Handler);
    routes.set(key, route);
  }
  for (const { method, path, handlers } of routes.values()) {
    app.on(method, path, adminGuard(ports, method, path), ...handlers);
  }
}
