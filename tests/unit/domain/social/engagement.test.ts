import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DueLookup,
  dueBucket,
  lookupsFor,
  MAX_ENGAGEMENT_TRIES,
  retryOf,
  sweepBuckets,
} from "../../../../functions/domain/social/engagement.js";

const POST = {
  editionId: "ed_1",
  network: "bluesky",
  account: "news",
  postId: "at://p",
  url: "https://b/p",
} as const;
const due = (tries: number): DueLookup => ({
  ...POST,
  lookup: "1h",
  dueAt: "2026-03-01T18:00:00.000Z",
  tries,
});

describe("engagement look-ups", () => {
  it("are due an hour and a day after the post", () => {
    // Act
    const lookups = lookupsFor(POST, new Date("2026-03-01T17:20:30Z"));

    // Assess
    expect(lookups.map((l) => [l.lookup, l.dueAt, l.tries])).toEqual([
      ["1h", "2026-03-01T18:20:30.000Z", 0],
      ["1d", "2026-03-02T17:20:30.000Z", 0],
    ]);
  });

  it("a sweep reads the bucket of every due time in its catch-up window, and none later", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("2026-01-01"), max: Date.parse("2027-01-01") }),
        fc.integer({ min: 0, max: 24 * 3_600_000 }),
        (now, ago) => {
          // Act
          const buckets = sweepBuckets(new Date(now), 24);

          // Assess: anything due up to 24 h back is read; nothing due after the current hour is.
          expect(buckets).toHaveLength(25);
          expect(buckets).toContain(dueBucket(new Date(now - ago)));
          expect(buckets).not.toContain(dueBucket(new Date(now + 3_600_000)));
          expect([...buckets].sort()).toEqual(buckets);
        },
      ),
    );
  });

  it("a failed read is tried again after 15, then 30 minutes, and at most three times in all", () => {
    // Prepare
    const now = new Date("2026-03-01T18:00:00Z");

    // Act
    const second = retryOf(due(0), now, true);
    const third = retryOf(due(1), now, true);
    const fourth = retryOf(due(MAX_ENGAGEMENT_TRIES - 1), now, true);

    // Assess
    expect([second?.tries, second?.dueAt]).toEqual([1, "2026-03-01T18:15:00.000Z"]);
    expect([third?.tries, third?.dueAt]).toEqual([2, "2026-03-01T18:30:00.000Z"]);
    expect(fourth).toBeUndefined();
  });

  it("a failure a retry cannot mend is not tried again", () => {
    expect(retryOf(due(0), new Date(), false)).toBeUndefined();
  });
});
