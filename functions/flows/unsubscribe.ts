import type { UnsubscribeWay } from "../domain/audience-series.js";
import { changeSubscriber } from "./change-subscriber.js";
import type { Ports, SuppressionReason } from "./ports.js";

/**
 * Leaves the list at once: status `unsubscribed`, audience entries gone, so no send that starts
 * after this returns can pick the address (the send worker re-reads the status too). It always
 * wins: concurrent preference saves cannot make it fail or undo it. True when it changed anything.
 */
export async function unsubscribe(
  ports: Pick<Ports, "subscribers" | "now">,
  id: string,
  way: UnsubscribeWay = "admin",
): Promise<boolean> {
  return ports.subscribers.leave(id, ports.now().toISOString(), way);
}

/**
 * Never mail this address again: the hash goes on the suppression list first (what every sender
 * checks), then the subscriber, if there is one, is marked `suppressed` and leaves every audience.
 * Resolves to the record as written when this call suppressed it (`undefined` when it already was).
 */
export async function suppress(
  ports: Pick<Ports, "subscribers" | "suppressions" | "now">,
  id: string,
  reason: SuppressionReason,
) {
  await ports.suppressions.add(id, reason, ports.now().toISOString());
  return changeSubscriber(ports, id, (s) =>
    s.status === "suppressed" ? undefined : { ...s, status: "suppressed" },
  );
}
