import type { z } from "zod";
import { sendHealth } from "../../domain/send-health.js";
import type { Ports, SendProgress } from "../../flows/ports.js";
import type { SendRateView } from "../schemas.js";

/** How the views are given what the editorial controls add; `sendRate` in single views only. */
export interface ControlDetail {
  minSample: number;
  sendRate?: z.infer<typeof SendRateView>;
}

/** The fields the editorial controls add to an edition's or briefing's view, from its counters alone. */
export function controlFields(p: SendProgress, detail: ControlDetail) {
  return {
    inFlight: p.inflightChunks?.length ?? 0,
    health: sendHealth(p.counts, detail.minSample, p.rateBaseline),
    ...(detail.sendRate ? { sendRate: detail.sendRate } : {}),
  };
}

/** What a single edition's or briefing's view carries besides the record: the per-minute send counts. */
export async function singleDetail(ports: Ports, id: string): Promise<ControlDetail> {
  return { minSample: ports.config.pauseMinSample, sendRate: await ports.editions.sendRate(id) };
}
