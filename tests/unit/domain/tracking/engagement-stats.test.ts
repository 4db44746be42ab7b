import { describe, expect, it } from "vitest";
import { engagementStats } from "../../../../functions/domain/tracking/engagement-stats.js";

const empty = { message: {}, links: [], timeline: [] };

describe("engagementStats", () => {
  it("keeps minutes for 48 hours after the first bucket and folds later minutes into their hour", () => {
    const s = engagementStats(
      "ed_x",
      "clicks",
      {},
      {
        ...empty,
        timeline: [
          { bucket: "2026-04-01T08:00", counts: { sent: 10 } },
          { bucket: "2026-04-03T07:59", counts: { clicksHuman: 1 } },
          // An unsubscribe written per minute three days on, and the same hour written as an hour.
          { bucket: "2026-04-04T09", counts: { clicksHuman: 2 } },
          { bucket: "2026-04-04T09:15", counts: { unsubscribed: 1 } },
          { bucket: "2026-04-04T09:40", counts: { unsubscribed: 1 } },
        ],
      },
    );
    expect(s.timeline.map((t) => [t.bucket, t.sent, t.clicksHuman, t.unsubscribed])).toEqual([
      ["2026-04-01T08:00", 10, 0, 0],
      ["2026-04-03T07:59", 0, 1, 0],
      ["2026-04-04T09", 0, 2, 2],
    ]);
  });

  it("folds from the minute 48 hours after the first bucket on, and leaves the counters it was given alone", () => {
    // Prepare
    const timeline: Array<{ bucket: string; counts: Record<string, number> }> = [
      { bucket: "2026-04-01T08", counts: { sent: 10 } },
      { bucket: "2026-04-03T07:59", counts: { clicksHuman: 1 } },
      { bucket: "2026-04-03T08", counts: { clicksHuman: 2 } },
      { bucket: "2026-04-03T08:00", counts: { clicksHuman: 3 } },
      { bucket: "2026-04-03T08:01", counts: { clicksHuman: 4, opensHuman: 1 } },
    ];
    const given = structuredClone(timeline);

    // Act
    const s = engagementStats("ed_x", "clicks", {}, { ...empty, timeline });

    // Assess
    expect(s.timeline.map((t) => [t.bucket, t.clicksHuman, t.opensHuman])).toEqual([
      ["2026-04-01T08", 0, 0],
      ["2026-04-03T07:59", 1, 0],
      ["2026-04-03T08", 9, 1],
    ]);
    expect(timeline).toEqual(given);
  });

  it("totals unsubscribes by way, and says null for what tracking does not count", () => {
    const s = engagementStats(
      "ed_x",
      "off",
      {},
      {
        ...empty,
        message: { "unsubscribed.one-click": 2, "unsubscribed.footer": 1 },
      },
    );
    expect(s.unsubscribes).toEqual({
      total: 3,
      byWay: { "one-click": 2, footer: 1, preferences: 0, complaint: 0, admin: 0 },
    });
    expect(s.clicks).toBeNull();
    expect(s.opens).toBeNull();
  });
});
