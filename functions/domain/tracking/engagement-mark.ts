/** Clicks on two different links of one email within this window are a scanner's sweep. */
export const SWEEP_WINDOW_MS = 2000;
/** The same link (or the pixel) hit again by the same recipient within this window is one event. */
export const REPEAT_WINDOW_MS = 1000;

/**
 * What Herald keeps about one recipient and one email, only to count uniques and recognise sweeps:
 * counts per link (human, machine), opens, and the clicks of the last sweep window. It expires with
 * the email's tracking tokens and is deleted when the subscriber is erased.
 */
export interface EngagementMark {
  /** Per link key: clicks counted as human (`h`) and as machine (`m`). */
  links: Record<string, { h: number; m: number }>;
  openH: number;
  openM: number;
  lastOpenAt?: number;
  /** The clicks of the last sweep window: link, time, counted as human. */
  recent: Array<{ l: string; at: number; h: boolean }>;
  /** Per link key: the time of its last click (repeats within a second are one event). */
  last: Record<string, number>;
  /** The ids of the last {@link SEEN_EVENTS} events counted: a queue may deliver one twice, late. */
  seen?: string[];
}

/** How many counted events' ids a mark remembers (a reader or scanner makes a handful per email). */
export const SEEN_EVENTS = 32;

/** The event's id remembered, the oldest forgotten. */
function remember(mark: EngagementMark, id: string | undefined) {
  if (id !== undefined) mark.seen = [...(mark.seen ?? []), id].slice(-SEEN_EVENTS);
}

const alreadySeen = (mark: EngagementMark, id: string | undefined) =>
  id !== undefined && (mark.seen ?? []).includes(id);

export const emptyMark = (): EngagementMark => ({ links: {}, openH: 0, openM: 0, recent: [], last: {} });

/** A move of one timeline counter: `+1` at an event, `-1`/`+1` when a sweep reclassifies one. */
export interface TimelineMove {
  at: number;
  field: "clicksHuman" | "clicksMachine" | "opensHuman" | "opensMachine";
  by: number;
}

export interface Applied {
  mark: EngagementMark;
  timeline: TimelineMove[];
  /** False when the event repeated one already counted (nothing changes). */
  counted: boolean;
}

const clone = (m: EngagementMark): EngagementMark => structuredClone(m);

/** Within a second of the last one, before or after: the same event again (a retry, a redelivery). */
const isRepeat = (last: number | undefined, at: number) =>
  last !== undefined && Math.abs(at - last) < REPEAT_WINDOW_MS;

/**
 * One click on link `link` at `at` (ms), `machine` when the request alone showed it. A click on a
 * second link within {@link SWEEP_WINDOW_MS} of another is a sweep: it, and every click of the
 * window counted as human, become machine clicks.
 *
 * @example
 * applyClick(emptyMark(), { link: "k1", at: 1000, machine: false }).mark.links.k1; // { h: 1, m: 0 }
 */
export function applyClick(
  before: EngagementMark,
  { link, at, machine, id }: { link: string; at: number; machine: boolean; id?: string },
): Applied {
  if (alreadySeen(before, id) || isRepeat(before.last[link], at)) {
    return { mark: before, timeline: [], counted: false };
  }
  const mark = clone(before);
  const timeline: TimelineMove[] = [];
  // Events can arrive out of order (a queue between the click and its count): the window is kept
  // around the newest click seen, and a sweep is any other link's click within the window of this one.
  const newest = Math.max(at, ...mark.recent.map((e) => e.at));
  mark.recent = mark.recent.filter((e) => newest - e.at <= SWEEP_WINDOW_MS);
  const near = mark.recent.filter((e) => Math.abs(at - e.at) <= SWEEP_WINDOW_MS);
  const sweep = near.some((e) => e.l !== link);
  if (sweep) {
    for (const e of near) {
      if (!e.h) continue;
      e.h = false;
      const counts = mark.links[e.l] as { h: number; m: number };
      counts.h -= 1;
      counts.m += 1;
      timeline.push({ at: e.at, field: "clicksHuman", by: -1 }, { at: e.at, field: "clicksMachine", by: 1 });
    }
  }
  const human = !machine && !sweep;
  const counts = mark.links[link] ?? { h: 0, m: 0 };
  if (human) counts.h += 1;
  else counts.m += 1;
  mark.links[link] = counts;
  mark.recent.push({ l: link, at, h: human });
  mark.last[link] = Math.max(at, mark.last[link] ?? at);
  remember(mark, id);
  timeline.push({ at, field: human ? "clicksHuman" : "clicksMachine", by: 1 });
  return { mark, timeline, counted: true };
}

/**
 * One open (a fetch of the pixel) at `at`; repeats within {@link REPEAT_WINDOW_MS} are one.
 *
 * @example
 * applyOpen(emptyMark(), { at: 1000, machine: true }).mark.openM; // 1
 */
export function applyOpen(
  before: EngagementMark,
  { at, machine, id }: { at: number; machine: boolean; id?: string },
): Applied {
  if (alreadySeen(before, id) || isRepeat(before.lastOpenAt, at)) {
    return { mark: before, timeline: [], counted: false };
  }
  const mark = clone(before);
  if (machine) mark.openM += 1;
  else mark.openH += 1;
  mark.lastOpenAt = Math.max(at, mark.lastOpenAt ?? at);
  remember(mark, id);
  return { mark, timeline: [{ at, field: machine ? "opensMachine" : "opensHuman", by: 1 }], counted: true };
}

/** Per-email counter fields. */
export interface MessageCounts {
  /** Recipients with at least one human click. */
  humanClickers: number;
  /** Recipients who opened as far as Herald can tell: a human open, or a human click. */
  humanOpeners: number;
  /** Recipients whose only opens were machine fetches (privacy proxies): maybe read, maybe not. */
  machineOnlyOpeners: number;
  opensHuman: number;
  opensMachine: number;
}

export interface LinkCounts {
  humanUnique: number;
  humanTotal: number;
  machineTotal: number;
}

/** What one recipient's mark contributes to the email's counters. */
export function contribution(mark: EngagementMark): {
  message: MessageCounts;
  links: Record<string, LinkCounts>;
} {
  const links: Record<string, LinkCounts> = {};
  let clicked = false;
  for (const [key, { h, m }] of Object.entries(mark.links)) {
    links[key] = { humanUnique: h > 0 ? 1 : 0, humanTotal: h, machineTotal: m };
    if (h > 0) clicked = true;
  }
  const opened = mark.openH > 0 || clicked;
  return {
    message: {
      humanClickers: clicked ? 1 : 0,
      humanOpeners: opened ? 1 : 0,
      machineOnlyOpeners: !opened && mark.openM > 0 ? 1 : 0,
      opensHuman: mark.openH,
      opensMachine: mark.openM,
    },
    links,
  };
}

/**
 * The counter deltas of a mark's change: what it contributes now minus what it contributed before.
 * Uniques stay exact however events interleave, because they are derived, never incremented.
 */
export function contributionDelta(before: EngagementMark, after: EngagementMark) {
  const a = contribution(before);
  const b = contribution(after);
  const diff = <T extends object>(x: T | undefined, y: T | undefined): Partial<Record<keyof T, number>> => {
    const out: Partial<Record<keyof T, number>> = {};
    for (const k of new Set([...Object.keys(x ?? {}), ...Object.keys(y ?? {})]) as Set<keyof T>) {
      const d =
        Number((y as Record<keyof T, number> | undefined)?.[k] ?? 0) -
        Number((x as Record<keyof T, number> | undefined)?.[k] ?? 0);
      if (d !== 0) out[k] = d;
    }
    return out;
  };
  const links: Record<string, Partial<Record<keyof LinkCounts, number>>> = {};
  for (const key of new Set([...Object.keys(a.links), ...Object.keys(b.links)])) {
    const d = diff(a.links[key], b.links[key]);
    if (Object.keys(d).length) links[key] = d;
  }
  return { message: diff(a.message, b.message), links };
}
