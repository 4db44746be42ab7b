import type { SignUp } from "../../../functions/domain/sign-up.js";
import type { WorkEntry, WorkKind, WorkLedger } from "../../../functions/flows/ports.js";

/** Unfinished work in a Map, as the table's `WORK` partition keeps it: one entry per kind and id. */
export function memoryWorkLedger(): WorkLedger & { entries: Map<string, WorkEntry> } {
  const entries = new Map<string, WorkEntry>();
  return {
    entries,
    async open(kind: WorkKind, id: string, at: Date, signUp?: SignUp) {
      entries.set(`${kind}#${id}`, { kind, id, since: at.toISOString(), ...(signUp ? { signUp } : {}) });
    },
    async close(kind: WorkKind, id: string) {
      entries.delete(`${kind}#${id}`);
    },
    async *list() {
      yield [...entries.values()];
    },
  };
}
