import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { zeroCounts } from "../../../functions/domain/edition.js";
import { lastProgress, remainingRecipients, stalledSince } from "../../../functions/domain/stall.js";

const at = (ms: number) => new Date(ms).toISOString();

describe("stalled: recoverable and without progress for the stall time", () => {
  it("is stalled exactly when queued/rendering/sending and the last movement is at least the stall time old", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("queued", "rendering", "sending", "paused", "sent", "failed", "held", "cancelled"),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
        fc.integer({ min: 1, max: 3_600 }),
        (status, updated, progressed, stallSeconds) => {
          const now = new Date(20_000_000);
          const m = {
            status,
            updatedAt: at(updated),
            progressAt: progressed === undefined ? undefined : at(progressed),
          };
          const last = Math.max(updated, progressed ?? 0);
          const expected =
            ["queued", "rendering", "sending"].includes(status) &&
            last <= now.getTime() - stallSeconds * 1000;
          const since = stalledSince(m, now, stallSeconds);
          expect(since !== undefined).toBe(expected);
          if (since) expect(since).toBe(lastProgress(m));
        },
      ),
    );
  });

  it("counts the planned recipients that have no outcome yet, never below zero", () => {
    expect(
      remainingRecipients({ ...zeroCounts(), planned: 100, sent: 60, skipped: 5, unknown: 3, failed: 2 }),
    ).toBe(30);
    expect(remainingRecipients({ ...zeroCounts(), planned: 10, sent: 12 })).toBe(0);
  });
});
