import { describe, expect, it } from "vitest";
import { pauseReason } from "../../../functions/domain/send-health.js";

const counts = (sent: number, bounced: number, complained = 0) => ({ sent, bounced, complained });

describe("auto-pause rule", () => {
  it("waits for the minimum sample", () => {
    expect(pauseReason(counts(99, 50), 100)).toBeUndefined();
    expect(pauseReason(counts(100, 50), 100)).toMatch(/^bounce rate 50\.0 % \(50 of 100 sent\)/);
  });

  it("pauses over 5 % bounces, not at 5 %", () => {
    expect(pauseReason(counts(1000, 50), 100)).toBeUndefined();
    expect(pauseReason(counts(1000, 51), 100)).toContain("5.0 % limit");
  });

  it("pauses over 0.1 % complaints, not at 0.1 %, and names the complaint rate first", () => {
    expect(pauseReason(counts(2000, 0, 2), 100)).toBeUndefined();
    expect(pauseReason(counts(2000, 0, 3), 100)).toBe(
      "complaint rate 0.15 % (3 of 2000 sent) is over the 0.10 % limit",
    );
    expect(pauseReason(counts(2000, 500, 3), 100)).toMatch(/^complaint rate/);
  });

  it("after a resume judges only what came since, with a fresh minimum sample", () => {
    const atResume = counts(200, 40);
    expect(pauseReason(counts(250, 41), 100, atResume)).toBeUndefined();
    expect(pauseReason(counts(400, 45), 100, atResume)).toBeUndefined();
    expect(pauseReason(counts(400, 60), 100, atResume)).toBe(
      "bounce rate 10.0 % (20 of 200 sent since it was resumed) is over the 5.0 % limit",
    );
  });
});
