import { confirmSignUp } from "../domain/sign-up.js";
import type { Subscriber } from "../domain/subscriber.js";
import { changeSubscriber } from "./change-subscriber.js";
import type { Ports } from "./ports.js";
import { suppress } from "./unsubscribe.js";

/**
 * The confirm button: a pending subscriber, or the pending change of a known one, becomes the active
 * record and joins the audiences of its topics (`domain/sign-up.ts`). A suppressed address is never
 * activated.
 */
export async function confirm(
  ports: Ports,
  id: string,
): Promise<"confirmed" | "already" | "unknown" | "suppressed"> {
  if ((await ports.suppressions.suppressedAmong([id])).size > 0) return "suppressed";
  let seen: Subscriber | undefined;
  const changed = await changeSubscriber(ports, id, (s) => {
    seen = s;
    return confirmSignUp(s, ports.now());
  });
  if (changed) return "confirmed";
  return seen?.status === "active" ? "already" : "unknown";
}

/**
 * The preference center: new topics and cadence. A subscriber who left comes back only when the
 * reader chose to (`resubscribe`: the page they saved showed them as not subscribed; the signed link
 * proves the address, so no second confirmation is needed). A save from a page loaded before they
 * unsubscribed changes nothing and says `left`: unsubscribing always wins.
 */
export async function savePreferences(
  ports: Ports,
  id: string,
  choice: { topics: string[]; cadence: Subscriber["cadence"]; resubscribe: boolean },
): Promise<"saved" | "unchanged" | "left"> {
  if ((await ports.suppressions.suppressedAmong([id])).size > 0) return "unchanged";
  const at = ports.now().toISOString();
  let left = false;
  const changed = await changeSubscriber(ports, id, (s) => {
    left = s.status !== "active" && !choice.resubscribe;
    if (s.status === "suppressed" || left) return undefined;
    return {
      ...s,
      topics: choice.topics,
      cadence: choice.cadence,
      // The signed link proves the address: what it saves supersedes an unconfirmed sign-up.
      pendingChange: undefined,
      ...(s.status === "active"
        ? {}
        : {
            status: "active",
            expiresAt: undefined,
            consent: { ...s.consent, confirmedAt: s.consent.confirmedAt ?? at, source: s.consent.source },
          }),
    };
  });
  return changed ? "saved" : left ? "left" : "unchanged";
}

/** GDPR erasure: the hash goes on the suppression list, then the record and its audience entries go. */
export async function erase(ports: Ports, id: string): Promise<boolean> {
  if (!(await ports.subscribers.get(id))) return false;
  await suppress(ports, id, "erased");
  // Their clicks and opens stay only in the aggregates: the per-email marks go with them.
  await ports.engagement.forget(id);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await ports.subscribers.get(id);
    if (!current) return true;
    if (await ports.subscribers.erase(current)) return true;
  }
  throw new Error("the subscriber kept changing during erasure");
}

/** An admin lifts a suppression; the address may then subscribe again (with double opt-in). */
export async function liftSuppression(ports: Ports, id: string): Promise<boolean> {
  const lifted = await ports.suppressions.clear(id);
  await changeSubscriber(ports, id, (s) =>
    s.status === "suppressed" ? { ...s, status: "unsubscribed" } : undefined,
  );
  return lifted;
}
