import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyClick,
  applyOpen,
  contribution,
  contributionDelta,
  type EngagementMark,
  emptyMark,
  REPEAT_WINDOW_MS,
  SWEEP_WINDOW_MS,
} from "../../../../functions/domain/tracking/engagement-mark.js";

type Event =
  | { kind: "click"; link: string; gap: number; machine: boolean }
  | { kind: "open"; gap: number; machine: boolean };
const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({
    kind: fc.constant("click" as const),
    link: fc.constantFrom("a", "b", "c"),
    gap: fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 10 * 3600_000 })),
    machine: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("open" as const),
    gap: fc.integer({ min: 0, max: 600_000 }),
    machine: fc.boolean(),
  }),
);

function play(events: Event[]) {
  let mark = emptyMark();
  let at = 1_000_000;
  const sums: Record<string, number> = {};
  const timeline: Record<string, number> = {};
  const log: Array<{ e: Event; at: number; counted: boolean; mark: EngagementMark }> = [];
  for (const e of events) {
    at += e.gap;
    const applied =
      e.kind === "click"
        ? applyClick(mark, { link: e.link, at, machine: e.machine })
        : applyOpen(mark, { at, machine: e.machine });
    const delta = contributionDelta(mark, applied.mark);
    for (const [k, v] of Object.entries(delta.message))
      sums[`m.${k}`] = (sums[`m.${k}`] ?? 0) + (v as number);
    for (const [l, d] of Object.entries(delta.links))
      for (const [k, v] of Object.entries(d)) sums[`${l}.${k}`] = (sums[`${l}.${k}`] ?? 0) + (v as number);
    for (const m of applied.timeline) timeline[m.field] = (timeline[m.field] ?? 0) + m.by;
    mark = applied.mark;
    log.push({ e, at, counted: applied.counted, mark });
  }
  return { mark, sums, timeline, log };
}

describe("one recipient's engagement with one email", () => {
  it("moves the counters by exactly what the final mark contributes, however events interleave", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const { mark, sums, timeline } = play(events);
        const final = contribution(mark);
        for (const [k, v] of Object.entries(final.message)) expect(sums[`m.${k}`] ?? 0).toBe(v);
        for (const [l, c] of Object.entries(final.links))
          for (const [k, v] of Object.entries(c)) expect(sums[`${l}.${k}`] ?? 0).toBe(v);
        // The timeline holds every counted event once, human or machine as it ended up.
        const human = Object.values(mark.links).reduce((s, c) => s + c.h, 0);
        const machine = Object.values(mark.links).reduce((s, c) => s + c.m, 0);
        expect([timeline.clicksHuman ?? 0, timeline.clicksMachine ?? 0]).toEqual([human, machine]);
        expect([timeline.opensHuman ?? 0, timeline.opensMachine ?? 0]).toEqual([mark.openH, mark.openM]);
        // Uniques are 0 or 1 per recipient.
        for (const v of Object.values(final.message).slice(0, 3)) expect([0, 1]).toContain(v);
      }),
    );
  });

  it("counts no click as human when another link of the email was hit within the sweep window", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const { log, mark } = play(events);
        const clicks = log.filter((x) => x.e.kind === "click" && x.counted);
        const human = clicks.filter((x, i) => {
          const link = (x.e as { link: string }).link;
          const swept = clicks.some(
            (y, j) =>
              j !== i && (y.e as { link: string }).link !== link && Math.abs(y.at - x.at) <= SWEEP_WINDOW_MS,
          );
          return !swept && !x.e.machine;
        });
        expect(Object.values(mark.links).reduce((s, c) => s + c.h, 0)).toBe(human.length);
      }),
    );
  });

  it("counts the same event delivered twice once, and a later repeat again", () => {
    const first = applyClick(emptyMark(), { link: "a", at: 10_000, machine: false });
    const again = applyClick(first.mark, { link: "a", at: 10_000, machine: false });
    expect(again.counted).toBe(false);
    expect(again.mark).toBe(first.mark);
    const later = applyClick(first.mark, { link: "a", at: 10_000 + REPEAT_WINDOW_MS, machine: false });
    expect(later.mark.links.a).toEqual({ h: 2, m: 0 });
    expect(contribution(later.mark).links.a).toEqual({ humanUnique: 1, humanTotal: 2, machineTotal: 0 });
  });

  it("turns a human-looking first click into a machine one when the sweep shows itself", () => {
    const one = applyClick(emptyMark(), { link: "a", at: 0, machine: false });
    const two = applyClick(one.mark, { link: "b", at: 300, machine: false });
    expect(two.mark.links).toEqual({ a: { h: 0, m: 1 }, b: { h: 0, m: 1 } });
    expect(contributionDelta(one.mark, two.mark).message).toEqual({ humanClickers: -1, humanOpeners: -1 });
  });

  it("takes a human click as an open, and privacy-proxy opens alone as machine-only", () => {
    const proxy = applyOpen(emptyMark(), { at: 0, machine: true }).mark;
    expect(contribution(proxy).message).toMatchObject({ humanOpeners: 0, machineOnlyOpeners: 1 });
    const clicked = applyClick(proxy, { link: "a", at: 60_000, machine: false }).mark;
    expect(contribution(clicked).message).toMatchObject({
      humanOpeners: 1,
      machineOnlyOpeners: 0,
      humanClickers: 1,
    });
  });
});
