import type { Logger } from "@aws-lambda-powertools/logger";
import { loggableError } from "../domain/redact.js";
import type { Ports } from "../flows/ports.js";
import { requeueFanOut } from "../flows/recover-fan-out.js";

/**
 * After a restart, the chunks the dead process still leased are free once their lease ends: queue
 * them then, whatever else the fan-out is doing (its other chunks keep it "moving", which is why the
 * stall-time recovery pass would wait), and look again while any is still leased.
 *
 * @example
 * const report = await recoverWork(ports, { olderThanSeconds: 0 });
 * afterLeases(ports, report.fanOuts.filter((f) => f.leased > 0).map((f) => f.id), log);
 */
export function afterLeases(ports: Ports, fanOutIds: string[], log: Logger): void {
  if (fanOutIds.length === 0) return;
  const again = async () => {
    const still: string[] = [];
    for (const id of fanOutIds) {
      const progress = await ports.editions.progress(id);
      if (progress?.status !== "sending") continue;
      if ((await requeueFanOut(ports, progress)).leased > 0) still.push(id);
    }
    afterLeases(ports, still, log);
  };
  setTimeout(
    () => void again().catch((error) => log.error("recovery pass failed", { error: loggableError(error) })),
    (ports.config.chunkLeaseSeconds + 1) * 1000,
  ).unref();
}
