import { type Outcome, orphanedInflight, pendingRecipients, tally } from "../domain/chunk.js";
import type { ChunkRecord, Ports, SendJob } from "./ports.js";

/**
 * A chunk of a cancelled edition: its recipients never handed to SES are recorded `cancelled`, those a
 * dead attempt had handed over `unknown`, and the chunk is done, so the edition's counts add up to
 * what was planned. A chunk still leased is left to its holder, which records what SES answered.
 */
export async function closeCancelled(
  ports: Pick<Ports, "chunks" | "now">,
  chunk: ChunkRecord,
): Promise<"done" | "retry"> {
  if (chunk.leaseUntil && chunk.leaseUntil > ports.now().getTime()) return "retry";
  const orphans = orphanedInflight(chunk);
  const outcomes: Record<string, Outcome> = {};
  for (const r of pendingRecipients(chunk))
    outcomes[r] = orphans.includes(r) ? { kind: "unknown" } : { kind: "cancelled" };
  return (await ports.chunks.record(chunk, outcomes, true, tally(Object.values(outcomes))))
    ? "done"
    : "retry";
}

/**
 * The claim was refused: another attempt holds the chunk, or the edition stopped being `sending`
 * between the read and the claim (an editor paused or cancelled it). Parked, closed or retried.
 */
export async function refusedClaim(ports: Ports, job: SendJob): Promise<"done" | "retry"> {
  const progress = await ports.editions.progress(job.editionId);
  if (progress?.status === "paused") return "done";
  if (progress?.status !== "cancelled") return "retry";
  const chunk = await ports.chunks.get(job.editionId, job.chunk);
  return !chunk || chunk.done ? "done" : closeCancelled(ports, chunk);
}
