import type { Context, MiddlewareHandler } from "hono";
import { auditAction, auditTarget } from "../domain/access/audit-entry.js";
import { allows, requiredRole } from "../domain/access/policy.js";
import type { Ports } from "../flows/ports.js";
import { type Actor, actorOf } from "./access/actor.js";
import { sameSecret } from "./access/identify.js";
import { recordAudit } from "./access/record-audit.js";
import { jsonError } from "./errors.js";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** A cookie rides along with any request the browser makes; the CSRF header only with the console's. */
export function csrfHolds(c: Context, actor: Actor): boolean {
  if (!actor.session || SAFE.has(c.req.method)) return true;
  const given = c.req.header("x-csrf-token");
  return given !== undefined && sameSecret(given, actor.session.csrfToken);
}

/**
 * The guard of one admin route, made when the route is mounted (`mountAdmin`): who calls (a key or
 * a session), the CSRF header with a session, the role the access table asks for this route, and,
 * after a change succeeded, an audit entry.
 *
 * @example
 * app.on("POST", "/v1/editions/:id/cancel", adminGuard(ports, "POST", "/v1/editions/:id/cancel"), handler);
 */
export function adminGuard(ports: Ports, method: string, pattern: string): MiddlewareHandler {
  const needed = requiredRole(method, pattern);
  const action = auditAction(method, pattern);
  return async (c, next) => {
    const actor = await actorOf(c, ports);
    if (!actor)
      return jsonError(c, "unauthorized", "a valid admin key (Authorization: Bearer …) or session is required");
    if (!csrfHolds(c, actor))
      return jsonError(c, "csrf_failed", "the x-csrf-token header must carry this session's token");
    if (!allows(actor.role, needed))
      return jsonError(c, "forbidden", `this needs the ${needed} role; "${actor.name}" has ${actor.role}`);
    c.set("actor", actor);
    await next();
    if (!SAFE.has(c.req.method) && c.res.status < 400) {
      await recordAudit(ports, actor, action, auditTarget(c.req.param() as Record<string, string>));
    }
  };
}
