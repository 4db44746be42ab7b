import {
  type Applied,
  applyClick,
  applyOpen,
  contributionDelta,
  emptyMark,
} from "../domain/tracking/engagement-mark.js";
import { timeBucket } from "../domain/tracking/time-bucket.js";
import { TRACK_TOKEN_DAYS, type TrackRef } from "../domain/tracking/track-token.js";
import { linkKey } from "../domain/tracking/tracked-html.js";
import type { CounterDeltas, Ports } from "./ports.js";

const ATTEMPTS = 10;

/**
 * Counts one click (on `url`, the email's own link the reference names) or open, as `machine` when
 * the request showed it. The recipient's mark is read, changed and written back only if no other
 * event changed it meanwhile (a scanner hits every link at once), then the counters move by what the
 * mark now contributes. Counters are moved after the mark, not in its transaction: a hot counter in
 * every click's transaction would make concurrent clicks cancel each other (see docs/analytics.md).
 *
 * @example
 * await recordEngagement(ports, ref, "https://news.example/story", false);
 */
export async function recordEngagement(
  ports: Pick<Ports, "engagement" | "now" | "log">,
  ref: TrackRef,
  url: string | undefined,
  machine: boolean,
): Promise<boolean> {
  const at = ports.now().getTime();
  const key = url === undefined ? undefined : linkKey(url);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await ports.engagement.getMark(ref.recipient, ref.target);
    const before = current?.mark ?? emptyMark();
    const applied: Applied =
      ref.kind === "click" && key
        ? applyClick(before, { link: key, at, machine })
        : applyOpen(before, { at, machine });
    if (!applied.counted) return false;
    const expiresAt = ref.sentAt + (TRACK_TOKEN_DAYS + 1) * 86400;
    if (
      !(await ports.engagement.putMark(
        ref.recipient,
        ref.target,
        applied.mark,
        current?.version ?? 0,
        expiresAt,
      ))
    ) {
      continue;
    }
    await ports.engagement.add(ref.target, counterDeltas(before, applied, ref.sentAt * 1000, key, url));
    return true;
  }
  throw new Error("the engagement mark kept changing");
}

function counterDeltas(
  before: Parameters<typeof contributionDelta>[0],
  applied: Applied,
  sentAtMs: number,
  key: string | undefined,
  url: string | undefined,
): CounterDeltas {
  const { message, links } = contributionDelta(before, applied.mark);
  const timeline: CounterDeltas["timeline"] = {};
  for (const move of applied.timeline) {
    const bucket = timeline[timeBucket(move.at, sentAtMs)] ?? {};
    bucket[move.field] = (bucket[move.field] ?? 0) + move.by;
    timeline[timeBucket(move.at, sentAtMs)] = bucket;
  }
  return {
    message: message as Record<string, number>,
    links: Object.fromEntries(
      Object.entries(links).map(([k, by]) => [
        k,
        { url: k === key ? url : undefined, by: by as Record<string, number> },
      ]),
    ),
    timeline,
  };
}
