import type { UnsubscribeWay } from "../domain/audience-series.js";
import { changeSubscriber } from "./change-subscriber.js";
import { countOnTimeline } from "./count-timeline.js";
import type { Ports, SuppressionReason } from "./ports.js";

/**
 * Leaves the list at once: status `unsubscribed`, audience entries gone, so no send that starts
 * after this returns can pick the address (the send worker re-reads the status too). It always
 * wins: concurrent preference saves cannot make it fail or undo it. True when it changed anything.
 * `from`: the edition or briefing whose link was used; the unsubscribe is counted on it (once: only
 * the call that changed the status counts).
 */
export async function unsubscribe(
  ports: Pick<Ports, "subscribers" | "now" | "engagement" | "log">,
  id: string,
  way: UnsubscribeWay = "admin",
  from?: string,
): Promise<boolean> {
  const changed = await ports.subscribers.leave(id, ports.now().toISOString(), way);
  if (changed && from) await countOnTimeline(ports, from, "unsubscribed", 1, { [`unsubscribed.${way}`]: 1 });
  return changed;
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
