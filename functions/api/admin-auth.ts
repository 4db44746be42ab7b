import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { jsonError } from "./errors.js";

const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * Requires `Authorization: Bearer <admin key>`. Compares digests in constant time so neither the
 * key's content nor its length leaks through timing.
 */
export function adminAuth(adminKey: () => string): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const given = header.startsWith("Bearer ") ? header.slice(7) : "";
    if (!given || !timingSafeEqual(digest(given), digest(adminKey()))) {
      return jsonError(c, "unauthorized", "a valid admin key is required (Authorization: Bearer …)");
    }
    await next();
  };
}
