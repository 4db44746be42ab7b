import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EngagementMark } from "../../../functions/domain/tracking/engagement-mark.js";
import type {
  CounterDeltas,
  EngagementJob,
  EngagementMarks,
  EngagementStore,
} from "../../../functions/flows/ports.js";
import { recordEngagements } from "../../../functions/flows/record-engagements.js";

const SENT = 1_800_000_000;
const STORY = "https://news.example/story";
const OTHER = "https://news.example/other";

/** Marks in memory with DynamoDB's conditional semantics; `beforePut` lets a test slip a write in first. */
function memoryMarks(beforePut?: () => Promise<void>) {
  const rows = new Map<string, { mark: EngagementMark; version: number }>();
  const key = (r: { recipient: string; target: string }) => `${r.recipient} ${r.target}`;
  let puts = 0;
  const marks: EngagementMarks = {
    async getMarks(refs) {
      return refs.map((r) => structuredClone(rows.get(key(r))));
    },
    async putMarks(writes) {
      puts++;
      if (puts === 1) await beforePut?.();
      const refused = new Set<number>();
      writes.forEach((w, i) => {
        if ((rows.get(key(w))?.version ?? 0) !== w.version) refused.add(i);
        else rows.set(key(w), { mark: structuredClone(w.mark), version: w.version + 1 });
      });
      return { refused };
    },
  };
  return { marks, rows };
}

/** Counter moves summed per target, and how many `add` calls each batch made. */
function memoryCounters() {
  const totals = new Map<string, Record<string, number>>();
  const calls: string[] = [];
  const engagement: EngagementStore = {
    async add(target, deltas: CounterDeltas) {
      calls.push(target);
      const t = totals.get(target) ?? {};
      for (const [k, v] of Object.entries(deltas.message)) t[k] = (t[k] ?? 0) + v;
      for (const [link, { by }] of Object.entries(deltas.links))
        for (const [k, v] of Object.entries(by)) t[`${link}.${k}`] = (t[`${link}.${k}`] ?? 0) + v;
      for (const by of Object.values(deltas.timeline))
        for (const [k, v] of Object.entries(by)) t[`timeline.${k}`] = (t[`timeline.${k}`] ?? 0) + v;
      totals.set(target, t);
    },
    async forget() {},
  };
  return { engagement, totals, calls };
}

let seq = 0;
const click = (
  recipient: string,
  url: string,
  at: number,
  extra: Partial<EngagementJob> = {},
): EngagementJob => ({
  id: `e${++seq}`,
  kind: "click",
  target: "ed_A",
  recipient,
  sentAt: SENT,
  url,
  at,
  machine: false,
  ...extra,
});

describe("recordEngagements", () => {
  it("moves each email's counters once per batch, by what every reader's mark now contributes", async () => {
    // Prepare
    const { marks } = memoryMarks();
    const { engagement, totals, calls } = memoryCounters();
    const t = SENT * 1000 + 60_000;
    const batch = [
      click("ana", STORY, t),
      click("ana", STORY, t + 3600_000),
      click("ben", STORY, t + 5_000),
      click("ben", OTHER, t + 60_000),
      { ...click("cleo", STORY, t), target: "br_B" },
    ];
    // Act
    const counted = await recordEngagements({ engagement, marks }, batch);
    // Assess
    expect(counted).toBe(5);
    expect(calls.sort()).toEqual(["br_B", "ed_A"]);
    expect(totals.get("ed_A")).toMatchObject({ humanClickers: 2, "timeline.clicksHuman": 4 });
    expect(totals.get("br_B")).toMatchObject({ humanClickers: 1, "timeline.clicksHuman": 1 });
  });

  it("counts a batch of more readers than one slice holds, every slice's events once", async () => {
    // Prepare: 250 readers, so three slices of marks recorded at once.
    const { marks, rows } = memoryMarks();
    const { engagement, totals, calls } = memoryCounters();
    const t = SENT * 1000 + 60_000;
    const events = Array.from({ length: 250 }, (_, i) => click(`reader${i}`, STORY, t + i));
    // Act
    const counted = await recordEngagements({ engagement, marks }, events);
    // Assess
    expect(counted).toBe(250);
    expect(rows.size).toBe(250);
    expect(totals.get("ed_A")).toMatchObject({ humanClickers: 250, "timeline.clicksHuman": 250 });
    expect(calls).toEqual(["ed_A"]);
  });

  it("counts an event delivered twice once, even when it comes back after later ones", async () => {
    // Prepare
    const { marks } = memoryMarks();
    const { engagement, totals } = memoryCounters();
    const first = click("ana", STORY, SENT * 1000 + 60_000);
    const later = click("ana", STORY, SENT * 1000 + 7200_000);
    // Act
    await recordEngagements({ engagement, marks }, [first, first]);
    await recordEngagements({ engagement, marks }, [later]);
    const replay = await recordEngagements({ engagement, marks }, [first]);
    // Assess
    expect(replay).toBe(0);
    expect(totals.get("ed_A")).toMatchObject({ humanClickers: 1, "timeline.clicksHuman": 2 });
  });

  it("reads a mark again when another batch wrote it first, and loses neither batch's clicks", async () => {
    // Prepare: another recorder counts Ana's other click between this batch's read and its write.
    const { engagement, totals } = memoryCounters();
    const t = SENT * 1000 + 60_000;
    const store: { marks?: EngagementMarks } = {};
    const { marks } = memoryMarks(async () => {
      await recordEngagements({ engagement, marks: store.marks as EngagementMarks }, [
        click("ana", OTHER, t + 600_000),
      ]);
    });
    store.marks = marks;
    // Act
    const counted = await recordEngagements({ engagement, marks }, [
      click("ana", STORY, t),
      click("ben", STORY, t),
    ]);
    // Assess
    expect(counted).toBe(2);
    expect(totals.get("ed_A")).toMatchObject({ humanClickers: 2, "timeline.clicksHuman": 3 });
  });

  it("moves the counters of the marks it wrote even when another mark keeps losing, then fails for a retry", async () => {
    // Prepare: Ben's mark is refused every time (another writer always comes first).
    const { engagement, totals } = memoryCounters();
    const { marks } = memoryMarks();
    const put = marks.putMarks;
    marks.putMarks = async (writes) => {
      return put(writes.map((w) => (w.recipient === "ben" ? { ...w, version: -1 } : w)));
    };
    const t = SENT * 1000 + 60_000;
    // Act
    const run = recordEngagements({ engagement, marks }, [click("ana", STORY, t), click("ben", STORY, t)]);
    // Assess
    await expect(run).rejects.toThrow(/kept changing/);
    expect(totals.get("ed_A")).toMatchObject({ humanClickers: 1, "timeline.clicksHuman": 1 });
  });

  it("moves the counters of the marks written when the store failed for others, then throws its error", async () => {
    // Prepare: the store writes Ana's mark and fails on Ben's transaction.
    const { engagement, totals } = memoryCounters();
    const { marks, rows } = memoryMarks();
    const put = marks.putMarks;
    const down = new Error("DynamoDB is unavailable");
    marks.putMarks = async (writes) => {
      const ben = writes.findIndex((w) => w.recipient === "ben");
      const { refused } = await put(writes.filter((w) => w.recipient !== "ben"));
      return { refused, failed: { indexes: new Set([ben]), error: down } };
    };
    const t = SENT * 1000 + 60_000;
    // Act
    const run = recordEngagements({ engagement, marks }, [click("ana", STORY, t), click("ben", STORY, t)]);
    // Assess: Ana counted once; Ben's click waits for the batch to come back.
    await expect(run).rejects.toBe(down);
    expect(totals.get("ed_A")).toMatchObject({ humanClickers: 1, "timeline.clicksHuman": 1 });
    expect([...rows.keys()]).toEqual(["ana ed_A"]);
  });

  it("ends with the counters a single ordered pass would give, however the events are split into batches", async () => {
    const events = fc.array(
      fc.record({
        recipient: fc.constantFrom("ana", "ben"),
        url: fc.constantFrom(STORY, OTHER),
        gap: fc.integer({ min: 0, max: 120_000 }),
      }),
      { minLength: 1, maxLength: 20 },
    );
    await fc.assert(
      fc.asyncProperty(
        events,
        fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 10 }),
        async (list, cuts) => {
          const start = SENT * 1000;
          const times = list.map((_, i) => start + list.slice(0, i + 1).reduce((s, e) => s + e.gap, 0));
          const jobs = list.map((e, i) => click(e.recipient, e.url, times[i] as number));
          const whole = memoryCounters();
          await recordEngagements({ engagement: whole.engagement, marks: memoryMarks().marks }, jobs);
          const split = memoryCounters();
          const { marks } = memoryMarks();
          let from = 0;
          for (const size of [...cuts, jobs.length]) {
            if (from >= jobs.length) break;
            await recordEngagements({ engagement: split.engagement, marks }, jobs.slice(from, from + size));
            from += size;
          }
          const clean = (t: Record<string, number> | undefined) =>
            Object.fromEntries(Object.entries(t ?? {}).filter(([, v]) => v !== 0));
          expect(clean(split.totals.get("ed_A"))).toEqual(clean(whole.totals.get("ed_A")));
        },
      ),
      { numRuns: 100 },
    );
  });
});
