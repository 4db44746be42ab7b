import type { Ports, WorkEntry } from "./ports.js";

/**
 * Queues again a sign-up the API accepted but no worker applied (its job lost with the process or
 * dead-lettered), from the copy its unfinished-work entry holds; returns how many were queued (0 or
 * 1). Applying a sign-up twice is harmless (`flows/apply-sign-up.ts`). An entry without a readable
 * sign-up can never be applied: it is closed.
 *
 * @example
 * report.signUps += await recoverSignUp(ports, entry); // entry.kind === "signup", past the cutoff
 */
export async function recoverSignUp(
  ports: Pick<Ports, "work" | "editionQueue" | "log" | "now">,
  entry: WorkEntry,
) {
  if (!entry.signUp) {
    ports.log.warn("sign-up entry without a readable sign-up closed", { id: entry.id });
    await ports.work.close("signup", entry.id);
    return 0;
  }
  // Re-dated first: a pass that dies after queueing must not queue it again at once.
  await ports.work.open("signup", entry.id, ports.now(), entry.signUp);
  await ports.editionQueue.send([{ signUp: entry.signUp }]);
  return 1;
}
