import { pauseReason } from "../domain/send-health.js";
import type { Ports, SendProgress } from "./ports.js";

/**
 * Pauses a sending edition whose bounce or complaint rate crossed the line (`send-health.ts`).
 * Called where either side of the rate moves: when a bounce or complaint is counted, and when the
 * send worker has recorded a chunk. Both read the edition after their own write, so whichever of
 * two concurrent writers reads last sees both, and a crossing is never missed. Answers what it read.
 */
export async function pauseIfUnhealthy(
  ports: Pick<Ports, "editions" | "config" | "log">,
  editionId: string,
): Promise<{ paused: boolean; progress?: SendProgress }> {
  const progress = await ports.editions.progress(editionId);
  if (progress?.status !== "sending") return { paused: false, progress };
  const reason = pauseReason(progress.counts, ports.config.pauseMinSample, progress.rateBaseline);
  if (!reason) return { paused: false, progress };
  const paused = await ports.editions.transition(editionId, ["sending"], "paused", reason);
  if (paused) ports.log.warn("edition paused itself", { editionId, reason });
  return { paused, progress };
}
