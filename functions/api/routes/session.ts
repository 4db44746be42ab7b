import { randomBytes } from "node:crypto";
import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type * as z from "zod";
import type { Ports, Session } from "../../flows/ports.js";
import { type Actor, sessionActor } from "../access/actor.js";
import { findKey, fingerprintOf } from "../access/identify.js";
import { recordAudit } from "../access/record-audit.js";
import { clearSessionCookie, SESSION_SECONDS, setSessionCookie } from "../access/session-cookie.js";
import { csrfHolds } from "../admin-auth.js";
import { clientAddress } from "../client-address.js";
import { jsonError } from "../errors.js";
import { SessionRequest, type SessionView } from "../schemas.js";
import { parseOr400 } from "../validate.js";

/** Sign-in attempts per client address per minute: a person mistypes, a script guesses. */
export const SIGN_INS_PER_MINUTE = 10;

const view = (s: Pick<Session, "name" | "role" | "csrfToken" | "expiresAt">): z.infer<typeof SessionView> => ({
  name: s.name,
  role: s.role,
  csrfToken: s.csrfToken,
  expiresAt: new Date(s.expiresAt * 1000).toISOString(),
});

/** The caller's session, or the 401 the session routes answer without one. */
async function requireSession(c: Context, ports: Ports) {
  const actor = await sessionActor(c, ports);
  return actor?.session ? (actor as Actor & { session: NonNullable<Actor["session"]> }) : undefined;
}

/**
 * The console's sign-in: `POST /v1/session` trades an admin key for a session cookie, `GET` says
 * who is signed in, `DELETE` signs out (the session is deleted, not only the cookie).
 */
export function sessionRoutes(app: Hono, ports: Ports) {
  app.post(
    "/v1/session",
    bodyLimit({ maxSize: 4096, onError: (c) => jsonError(c, "payload_too_large", "the body is too large") }),
    async (c) => {
      const limit = await ports.rateLimiter.hit("session", clientAddress(c), SIGN_INS_PER_MINUTE, 60);
      if (!limit.ok) {
        c.header("retry-after", String(limit.retryAfter));
        return jsonError(c, "rate_limited", "too many sign-in attempts; try again later");
      }
      let json: unknown;
      try {
        json = await c.req.json();
      } catch {
        return jsonError(c, "invalid_request", "the body is not valid JSON");
      }
      const { key } = parseOr400(SessionRequest, json, "the sign-in is not valid");
      const found = findKey(ports.secrets, key);
      if (!found) return jsonError(c, "unauthorized", "this is not an admin key");
      const id = randomBytes(32).toString("base64url");
      const session: Session = {
        name: found.name,
        role: found.role,
        keyFingerprint: fingerprintOf(found.key),
        csrfToken: randomBytes(32).toString("base64url"),
        expiresAt: Math.floor(ports.now().getTime() / 1000) + SESSION_SECONDS,
      };
      await ports.sessions.put(id, session);
      await recordAudit(ports, found, "session.create");
      setSessionCookie(c, id);
      c.header("cache-control", "no-store");
      return c.json(view(session));
    },
  );

  app.get("/v1/session", async (c) => {
    const actor = await requireSession(c, ports);
    if (!actor) return jsonError(c, "unauthorized", "not signed in");
    c.header("cache-control", "no-store");
    return c.json(view(actor.session));
  });

  app.delete("/v1/session", async (c) => {
    const actor = await requireSession(c, ports);
    if (!actor) return jsonError(c, "unauthorized", "not signed in");
    if (!csrfHolds(c, actor))
      return jsonError(c, "csrf_failed", "the x-csrf-token header must carry this session's token");
    await ports.sessions.delete(actor.session.id);
    await recordAudit(ports, actor, "session.delete");
    clearSessionCookie(c);
    return c.json({ signedOut: true });
  });
}
