import * as z from "zod";
import { SubscriberStats } from "../../domain/subscriber-stats.js";
import { AuditPageView, ListQuery, SessionRequest, SessionView } from "../schemas.js";
import { err, json, type Paths } from "./operation.js";

const cookie =
  "Sets `herald_session` (HttpOnly, SameSite=Strict, Path=/, Max-Age 8 h; Secure over HTTPS). With the cookie, every admin request that changes something must send `x-csrf-token`";

/** Console sign-in, the audit log and the subscriber overview. */
export const ACCESS_CONTRACT: Paths = {
  "/v1/session": {
    post: {
      summary: `Console sign-in with an admin key. ${cookie}. Rate-limited per client`,
      body: { type: json, schema: SessionRequest },
      responses: {
        200: { description: "signed in", type: json, schema: SessionView },
        400: err("not JSON, or no key"),
        401: err("not an admin key"),
        429: err("too many attempts from this client; see Retry-After"),
      },
    },
    get: {
      summary: "The signed-in session (the cookie), with its CSRF token",
      session: true,
      responses: {
        200: { description: "the session", type: json, schema: SessionView },
        401: err("no session, or it expired"),
      },
    },
    delete: {
      summary: "Sign out: the session is deleted and the cookie cleared (`x-csrf-token` required)",
      session: true,
      responses: {
        200: { description: "signed out", type: json, schema: z.object({ signedOut: z.literal(true) }) },
        401: err("no session, or it expired"),
        403: err("`csrf_failed`: missing or wrong x-csrf-token"),
      },
    },
  },
  "/v1/audit": {
    get: {
      summary:
        "Changes made through the admin API and sign-ins, newest first: who (key name, role), what (`edition.cancel`), when, on what (addresses masked)",
      admin: true,
      query: ListQuery,
      responses: {
        200: { description: "a page of entries", type: json, schema: AuditPageView },
        400: err("bad query or cursor"),
        401: err("no admin key or session"),
        403: err("not an admin"),
      },
    },
  },
  "/v1/subscribers/stats": {
    get: {
      summary:
        "Subscriber overview from maintained counters: records by status, active subscribers by topic and cadence, and 90 days of growth (sign-ups, confirmations, unsubscribes, bounces, complaints; UTC days, oldest first)",
      admin: true,
      responses: {
        200: { description: "the overview", type: json, schema: SubscriberStats },
        401: err("no admin key or session"),
      },
    },
  },
};
