import type { Context } from "hono";
import type { Role } from "../../domain/access/admin-keys.js";
import type { Ports, Session } from "../../flows/ports.js";
import { findKey, keyOfSession } from "./identify.js";
import { sessionIdOf } from "./session-cookie.js";

/** Who is calling the admin API, and how they proved it. */
export interface Actor {
  name: string;
  role: Role;
  /** Present when the caller came with the console's cookie rather than a key. */
  session?: { id: string } & Session;
}

declare module "hono" {
  interface ContextVariableMap {
    actor: Actor;
  }
}

/**
 * The caller: `Authorization: Bearer <key>` first (a wrong key is refused, never tried as a
 * cookie), else the session cookie. A session's role is the one its key has now: removing or
 * rotating a key ends its sessions, and no session outranks its key.
 */
export async function actorOf(c: Context, ports: Ports): Promise<Actor | undefined> {
  const header = c.req.header("authorization");
  if (header !== undefined) {
    const key = header.startsWith("Bearer ") ? findKey(ports.secrets, header.slice(7)) : undefined;
    return key && { name: key.name, role: key.role };
  }
  return sessionActor(c, ports);
}

/** The caller by the session cookie alone (the session routes take nothing else). */
export async function sessionActor(c: Context, ports: Ports): Promise<Actor | undefined> {
  const id = sessionIdOf(c);
  if (!id || id.length > 100) return undefined;
  const session = await ports.sessions.get(id, Math.floor(ports.now().getTime() / 1000));
  const key = session && keyOfSession(ports.secrets, session.name, session.keyFingerprint);
  return key && session && { name: key.name, role: key.role, session: { ...session, id, role: key.role } };
}
