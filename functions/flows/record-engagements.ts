import {
  applyClick,
  applyOpen,
  contributionDelta,
  type EngagementMark,
  emptyMark,
  type TimelineMove,
} from "../domain/tracking/engagement-mark.js";
import { timeBucket } from "../domain/tracking/time-bucket.js";
import { TRACK_TOKEN_DAYS } from "../domain/tracking/track-token.js";
import { linkKey } from "../domain/tracking/tracked-html.js";
import { mapConcurrent } from "./concurrency.js";
import type { CounterDeltas, EngagementJob, EngagementMarks, MarkWrite, Ports } from "./ports.js";

const ATTEMPTS = 10;

interface Group {
  recipient: string;
  target: string;
  sentAt: number;
  events: EngagementJob[];
}

/** A batch's events per recipient and email, each group's in the order they happened. */
function groupByMark(events: EngagementJob[]): Group[] {
  const groups = new Map<string, Group>();
  for (const e of events) {
    const key = `${e.recipient} ${e.target}`;
    const group = groups.get(key) ?? {
      recipient: e.recipient,
      target: e.target,
      sentAt: e.sentAt,
      events: [],
    };
    group.events.push(e);
    groups.set(key, group);
  }
  for (const g of groups.values()) g.events.sort((a, b) => a.at - b.at);
  return [...groups.values()];
}

/** A mark after a group's events, with the timeline moves they made; `undefined` if none counted. */
function applyAll(before: EngagementMark, events: EngagementJob[]) {
  let mark = before;
  const timeline: TimelineMove[] = [];
  let counted = 0;
  for (const e of events) {
    const applied =
      e.kind === "click" && e.url !== undefined
        ? applyClick(mark, { link: linkKey(e.url), at: e.at, machine: e.machine, id: e.id })
        : applyOpen(mark, { at: e.at, machine: e.machine, id: e.id });
    if (!applied.counted) continue;
    mark = applied.mark;
    timeline.push(...applied.timeline);
    counted++;
  }
  return counted === 0 ? undefined : { mark, timeline, counted };
}

/** Adds one mark change's counter moves to a target's running deltas. */
function addChange(
  into: CounterDeltas,
  change: { before: EngagementMark; after: EngagementMark; timeline: TimelineMove[] },
  group: Group,
) {
  const { message, links } = contributionDelta(change.before, change.after);
  const add = (to: Record<string, number>, by: Record<string, number | undefined>) => {
    for (const [k, v] of Object.entries(by)) if (v) to[k] = (to[k] ?? 0) + v;
  };
  add(into.message, message);
  const urls = new Map(group.events.flatMap((e) => (e.url === undefined ? [] : [[linkKey(e.url), e.url]])));
  for (const [key, by] of Object.entries(links)) {
    const link = into.links[key] ?? { url: urls.get(key), by: {} };
    link.url ??= urls.get(key);
    add(link.by, by);
    into.links[key] = link;
  }
  for (const move of change.timeline) {
    const bucket = timeBucket(move.at, group.sentAt * 1000);
    into.timeline[bucket] ??= {};
    add(into.timeline[bucket], { [move.field]: move.by });
  }
}

/** Marks a slice reads and writes together: DynamoDB's cap for one BatchGetItem or transaction. */
const SLICE = 100;
/**
 * Slices of a batch recorded at once. Their marks are disjoint, so they never conflict; one slice's
 * logic runs while others wait on DynamoDB, and a batch of 1,000 waits for about 3 round trips in
 * a row, not 20.
 */
export const SLICES_AT_ONCE = 4;

/** Reads, changes and writes one slice's marks until none is refused; adds what they count to `deltas`. */
async function recordSlice(
  marks: EngagementMarks,
  groups: Group[],
  deltas: Map<string, CounterDeltas>,
): Promise<number> {
  let pending = groups;
  let counted = 0;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= ATTEMPTS) throw new Error("engagement marks kept changing");
    const stored = await marks.getMarks(pending);
    const changes = pending.flatMap((group, i) => {
      const before = stored[i]?.mark ?? emptyMark();
      const applied = applyAll(before, group.events);
      const version = stored[i]?.version ?? 0;
      return applied ? [{ group, before, after: applied.mark, ...applied, version }] : [];
    });
    const writes: MarkWrite[] = changes.map(({ group, after, version }) => ({
      recipient: group.recipient,
      target: group.target,
      mark: after,
      version,
      expiresAt: group.sentAt + (TRACK_TOKEN_DAYS + 1) * 86400,
    }));
    const { refused, failed } = await marks.putMarks(writes);
    pending = [];
    for (const [i, change] of changes.entries()) {
      if (failed?.indexes.has(i)) continue;
      if (refused.has(i)) {
        pending.push(change.group);
        continue;
      }
      const into = deltas.get(change.group.target) ?? { message: {}, links: {}, timeline: {} };
      addChange(into, change, change.group);
      deltas.set(change.group.target, into);
      counted += change.counted;
    }
    if (failed) throw failed.error;
  }
  return counted;
}

/**
 * Counts a batch of clicks and opens. Each recipient's mark is read, changed by all of its events in
 * time order, and written back only if no other batch changed it meanwhile (a scanner hits every link
 * at once; those that lost are read again), a few slices of 100 marks at once. Then each email's
 * counters move once for the whole batch, by what the marks now contribute: a few counter writes per
 * batch, not per event, and no hot counter in any mark's write (see docs/analytics.md). Replayed
 * events count once (a mark knows the ids of the events it counted); counters move after the marks,
 * also when the batch then fails, so only a crash in between (or a write whose answer was lost)
 * under-counts, and nothing over-counts. Answers how many events counted.
 *
 * @example
 * await recordEngagements({ ...ports, marks: dynamoEngagementMarks(db, table) }, jobs);
 */
export async function recordEngagements(
  ports: Pick<Ports, "engagement"> & { marks: EngagementMarks },
  events: EngagementJob[],
): Promise<number> {
  const deltas = new Map<string, CounterDeltas>();
  const groups = groupByMark(events);
  const slices = Array.from({ length: Math.ceil(groups.length / SLICE) }, (_, i) =>
    groups.slice(i * SLICE, (i + 1) * SLICE),
  );
  let counted = 0;
  try {
    await mapConcurrent(slices, SLICES_AT_ONCE, async (slice) => {
      // Awaited first: `counted += await …` would read `counted` before the other slices add to it.
      const n = await recordSlice(ports.marks, slice, deltas);
      counted += n;
    });
  } finally {
    // Even when a mark kept losing (or DynamoDB failed): the marks written must move their counters,
    // or their events, already in the marks, would never count when the batch comes back.
    await Promise.all([...deltas].map(([target, d]) => ports.engagement.add(target, d)));
  }
  return counted;
}
