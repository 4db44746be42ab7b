import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { repeatAfterEach } from "../../../functions/flows/repeat-timer.js";

describe("repeatAfterEach", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs first after firstDelayMs, then intervalMs after each run ends, and stops when told", async () => {
    // Prepare
    const starts: number[] = [];
    const work = async () => {
      starts.push(Date.now());
      await new Promise((r) => setTimeout(r, 300)); // a run that takes 300 ms
    };
    const log = { error: vi.fn() };
    const t0 = Date.now();

    // Act
    const stop = repeatAfterEach(work, log, { intervalMs: 1_000, firstDelayMs: 100, failure: "x" });
    await vi.advanceTimersByTimeAsync(100 + 300 + 1_000 + 300 + 1_000);
    stop();
    await vi.advanceTimersByTimeAsync(10_000);

    // Assess: never overlapping, the interval counted from each run's end.
    expect(starts.map((s) => s - t0)).toEqual([100, 1_400, 2_700]);
    expect(log.error).not.toHaveBeenCalled();
  });

  it("logs a run that throws, with its failure message, and runs again", async () => {
    let runs = 0;
    const log = { error: vi.fn() };
    const stop = repeatAfterEach(
      async () => {
        runs++;
        throw new Error("boom");
      },
      log,
      { intervalMs: 1_000, failure: "sweep failed" },
    );

    await vi.advanceTimersByTimeAsync(2_000);
    stop();

    expect(runs).toBe(2);
    expect(log.error).toHaveBeenCalledWith(
      "sweep failed",
      expect.objectContaining({ error: expect.anything() }),
    );
  });
});
