import { createHash } from "node:crypto";
import type { Hono } from "hono";
import { EditionId } from "../../domain/edition.js";
import type { Ports } from "../../flows/ports.js";
import { jsonError } from "../errors.js";
import { parseOr400 } from "../validate.js";

/**
 * An edition's content never changes (its id is a hash of article id and version) and its card is
 * stored once, so crawlers and CDNs may keep it for good.
 */
const CACHE_FOREVER = "public, max-age=31536000, immutable";

/** A strong ETag from the bytes, the same SHA-256 the store checks its parts against. */
const etagOf = (png: Uint8Array) => `"${createHash("sha256").update(png).digest("base64url")}"`;

/** If-None-Match holds `*` or a list of ETags, weak ones marked `W/` (RFC 9110 compares them weakly). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/**
 * `GET /v1/editions/{id}/card.png`: the public 1200×630 social card, the web version's `og:image`.
 * The API only reads it from the store: nothing here draws (no satori or resvg in this bundle).
 */
export function editionCardRoute(app: Hono, ports: Ports) {
  app.get("/v1/editions/:id/card.png", async (c) => {
    const id = parseOr400(EditionId, c.req.param("id"), "not an edition id");
    const png = await ports.cards.get(id);
    if (!png) {
      // The card may still be drawn: a 404 must not be kept.
      c.header("cache-control", "no-store");
      const known = await ports.editions.get(id);
      return jsonError(c, "not_found", known ? "this edition has no card" : "no such edition");
    }
    const etag = etagOf(png);
    const headers = { etag, "cache-control": CACHE_FOREVER };
    if (matches(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers);
    // A copy: Hono takes only ArrayBuffer-backed bytes, which the port does not promise.
    return c.body(new Uint8Array(png), 200, {
      ...headers,
      "content-type": "image/png",
      "x-content-type-options": "nosniff",
    });
  });
}
