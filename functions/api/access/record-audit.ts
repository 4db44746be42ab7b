import type { AuditEntry } from "../../domain/access/audit-entry.js";
import type { Ports } from "../../flows/ports.js";
import type { Actor } from "./actor.js";

/**
 * Writes one audit entry. The change it records has happened already, so a failure to write is
 * logged (without the entry's target) and the caller still gets the answer of what was done.
 */
export async function recordAudit(
  ports: Ports,
  actor: Actor,
  action: string,
  about: Pick<AuditEntry, "target" | "details"> = {},
) {
  const entry = { at: ports.now().toISOString(), actor: actor.name, role: actor.role, action, ...about };
  try {
    await ports.audit.record(entry);
  } catch (error) {
    ports.log.error("audit entry not written", { action, actor: actor.name, error: (error as Error).name });
  }
}
