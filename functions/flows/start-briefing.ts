import { type BriefingCandidate, briefingItems } from "../domain/briefing/content.js";
import { briefingId } from "../domain/briefing/schedule.js";
import { zeroCounts } from "../domain/edition.js";
import type { BriefingRecord, Ports } from "./ports.js";

/** The first briefing ever looks back one day. */
const FIRST_WINDOW_MS = 24 * 3600 * 1000;

/**
 * Starts today's briefing (what the schedule and `POST /v1/briefings/run` do). Its id is the
 * newsroom's date, so starting it again the same day finds the same briefing and sends nothing new;
 * a briefing that stopped half-way is queued again and resumes from its checkpoints. Its window runs
 * from where the previous briefing's ended to now, so an edition is in one briefing at most.
 */
export async function startBriefing(
  ports: Pick<Ports, "briefings" | "editions" | "editionQueue" | "config" | "now" | "log">,
): Promise<{ briefing: BriefingRecord; created: boolean }> {
  const now = ports.now();
  const id = briefingId(now, ports.config.briefing.timeZone);
  const existing = await ports.briefings.get(id);
  const { created, briefing } = existing
    ? { created: false, briefing: existing }
    : await ports.briefings.create(await newBriefing(ports, id, now));
  const unfinished =
    ["queued", "rendering"].includes(briefing.status) ||
    (briefing.status === "sending" && !briefing.planDone);
  if (unfinished) await ports.editionQueue.send([{ briefingId: id }]);
  ports.log.info("briefing started", { briefingId: id, created, editions: briefing.items.length });
  return { briefing, created };
}

async function newBriefing(
  ports: Pick<Ports, "briefings" | "editions">,
  id: string,
  now: Date,
): Promise<BriefingRecord> {
  const until = now.toISOString();
  const { briefings } = await ports.briefings.list(1);
  const from = briefings[0]?.window.until ?? new Date(now.getTime() - FIRST_WINDOW_MS).toISOString();
  const candidates: BriefingCandidate[] = [];
  for await (const page of ports.editions.createdBetween(from, until)) candidates.push(...page);
  const items = briefingItems(candidates);
  return {
    id,
    day: id.slice(3),
    // Nothing new: the briefing is recorded (the next one starts from it) and sends nothing.
    status: items.length > 0 ? "queued" : "sent",
    counts: zeroCounts(),
    createdAt: until,
    updatedAt: until,
    plan: {},
    planDone: items.length === 0,
    chunksTotal: 0,
    chunksDone: 0,
    window: { from, until },
    items,
  };
}
