import * as z from "zod";
import { normalizeEmail, subscriberId } from "../subscriber.js";
import { Role } from "./admin-keys.js";

/** One change made through the admin API, as the audit log keeps and shows it. */
export const AuditEntry = z.object({
  /** When (ISO 8601). */
  at: z.string(),
  /** The admin key's name. */
  actor: z.string(),
  role: Role,
  /** What, as `<thing>.<verb>`: `edition.cancel`, `subscriber.erase`, `session.create`. */
  action: z.string(),
  /** On what: an id, or an address masked (`j***@example.com`). */
  target: z.string().optional(),
  details: z.record(z.string(), z.string()).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * An address as the audit log may show it: the first character of the local part and the domain.
 *
 * @example
 * maskEmail("jane.doe@example.com"); // "j***@example.com"
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 1 ? "***" : `${email[0]}***${email.slice(at)}`;
}

/** Verbs for the routes whose last segment is a parameter: what the method means there. */
const VERBS: Record<string, string> = {
  "DELETE /v1/subscribers/:email": "erase",
  "DELETE /v1/suppressions/:email": "lift",
};

const singular = (word: string) => word.replace(/ies$/, "y").replace(/s$/, "");

/**
 * The audit action of a route pattern: the resource, singular, and the last fixed segment or the
 * method's verb.
 *
 * @example
 * auditAction("POST", "/v1/editions/:id/cancel"); // "edition.cancel"
 * auditAction("DELETE", "/v1/subscribers/:email"); // "subscriber.erase"
 */
export function auditAction(method: string, pattern: string): string {
  const parts = pattern.split("/").filter(Boolean).slice(1);
  const resource = singular(parts[0] ?? "api");
  const last = parts.at(-1) ?? "";
  const verb =
    parts.length > 1 && !last.startsWith(":")
      ? last
      : (VERBS[`${method} ${pattern}`] ?? method.toLowerCase());
  return `${resource}.${verb}`;
}

/**
 * The target of a change from the route's parameters: an id as it is; an address masked, with the
 * subscriber id (its hash) in the details so entries about one address can still be found.
 */
export function auditTarget(params: Record<string, string>): Pick<AuditEntry, "target" | "details"> {
  if (params.email !== undefined) {
    const email = normalizeEmail(params.email);
    return email
      ? { target: maskEmail(email), details: { subscriberId: subscriberId(email) } }
      : { target: maskEmail(params.email) };
  }
  const id = params.id ?? params.editionId;
  return id ? { target: id.slice(0, 200) } : {};
}
