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
 *
 * A run that found nothing to send does not use up the day: the next run that day (an editor's
 * "run now", after the first stories of a fresh install) looks again over the same window, up to
 * now, and sends what it finds. The local timer still starts a day once: it sees the empty one.
 */
export async function startBriefing(
  ports: Pick<Ports, "briefings" | "editions" | "editionQueue" | "config" | "now" | "log">,
): Promise<{ briefing: BriefingRecord; created: boolean }> {
  const now = ports.now();
  const id = briefingId(now, ports.config.briefing.timeZone);
  const existing = await ports.briefings.get(id);
  const { created, briefing } = existing
    ? await refillIfEmpty(ports, existing, now)
    : await ports.briefings.create(await newBriefing(ports, id, now));
  const unfinished =
    ["queued", "rendering"].includes(briefing.status) ||
    (briefing.status === "sending" && !briefing.planDone);
  if (unfinished) await ports.editionQueue.send([{ briefingId: id }]);
  ports.log.info("briefing started", { briefingId: id, created, editions: briefing.items.length });
  return { briefing, created };
}

/** Today's briefing as it stands, or, when it found nothing and there is news now, a new one over it. */
async function refillIfEmpty(
  ports: Pick<Ports, "briefings" | "editions">,
  existing: BriefingRecord,
  now: Date,
): Promise<{ created: boolean; briefing: BriefingRecord }> {
  if (existing.items.length > 0) return { created: false, briefing: existing };
  const refilled = await newBriefing(ports, existing.id, now, existing.window.from);
  if (refilled.items.length === 0) return { created: false, briefing: existing };
  if (await ports.briefings.replaceEmpty(refilled)) return { created: true, briefing: refilled };
  // Another run filled it first: that one is today's briefing.
  return { created: false, briefing: (await ports.briefings.get(existing.id)) ?? existing };
}

async function newBriefing(
  ports: Pick<Ports, "briefings" | "editions">,
  id: string,
  now: Date,
  windowFrom?: string,
): Promise<BriefingRecord> {
  const until = now.toISOString();
  const from = windowFrom ?? (await previousEnd(ports, now));
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

async function previousEnd(ports: Pick<Ports, "briefings">, now: Date): Promise<string> {
  const { briefings } = await ports.briefings.list(1);
  return briefings[0]?.window.until ?? new Date(now.getTime() - FIRST_WINDOW_MS).toISOString();
}
