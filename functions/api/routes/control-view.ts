import type { z } from "zod";
import { sendHealth } from "../../domain/send-health.js";
import type { Ports, SendProgress } from "../../flows/ports.js";
import type { StallClock } from "../movement.js";
import type { SendRateView } from "../schemas.js";

/**
 * How the views are given what the editorial controls add: the pause sample, the clock that tells
 * a stalled send, and (in single views only) the per-minute send counts.
 */
export interface ControlDetail {
  minSample: number;
  clock: StallClock;
  sendRate?: z.infer<typeof SendRateView>;
}

/** The detail a list of editions or briefings is shown with: no per-item reads. */
export function listDetail(ports: Ports): ControlDetail {
  return {
    minSample: ports.config.pauseMinSample,
    clock: { now: ports.now(), stallSeconds: ports.config.stallSeconds },
  };
}

/** The fields the editorial controls add to an edition's or briefing's view, from its counters alone. */
export function controlFields(p: SendProgress, detail: ControlDetail) {
  return {
    health: sendHealth(p.counts, detail.minSample, p.rateBaseline),
    ...(detail.sendRate ? { sendRate: detail.sendRate } : {}),
  };
}

/** What a single edition's or briefing's view carries besides the record: the per-minute send counts. */
export async function singleDetail(ports: Ports, id: string): Promise<ControlDetail> {
  return { ...listDetail(ports), sendRate: await ports.editions.sendRate(id) };
}
