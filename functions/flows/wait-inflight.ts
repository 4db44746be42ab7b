import type { Ports } from "./ports.js";

export interface InflightWait {
  /** How long to wait at most (ms); an API answer must come well within API Gateway's 29 s. */
  deadlineMs?: number;
  pollMs?: number;
}

/**
 * Waits until no chunk of the edition is with SES: every claimed chunk has recorded its outcomes, or
 * its holder died (lease expired: its recipients become `unknown`, never sent again). Pause and
 * cancel answer after this, so once they have, nothing more of the edition reaches SES. Returns how
 * many chunks were still in flight when the deadline came (0 when none).
 *
 * @example
 * await ports.editions.transition(id, ["sending"], "cancelled");
 * const stillInFlight = await waitForInflight(ports, id);
 */
export async function waitForInflight(
  ports: Pick<Ports, "editions" | "chunks" | "now">,
  id: string,
  { deadlineMs = 20_000, pollMs = 50 }: InflightWait = {},
): Promise<number> {
  const until = performance.now() + deadlineMs;
  for (;;) {
    // A Query of the edition's chunks (keys only), at pause or cancel time alone, never per page view.
    const live = await ports.chunks.leased(id, ports.now().getTime());
    if (live.length === 0 || performance.now() >= until) return live.length;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
