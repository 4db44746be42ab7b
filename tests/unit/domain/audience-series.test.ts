import { describe, expect, it } from "vitest";
import { audienceDay, audienceDeltas } from "../../../functions/domain/audience-series.js";
import type { Subscriber } from "../../../functions/domain/subscriber.js";

const at = "2026-12-06T00:00:00Z";
const base: Subscriber = {
  id: "s",
  email: "s@example.org",
  status: "pending",
  topics: ["world", "culture"],
  cadence: "daily",
  consent: { at, source: "api" },
  createdAt: at,
  updatedAt: at,
};

describe("audience counter moves", () => {
  it("counts a sign-up, a confirmation and an unsubscribe by way in every scope of the subscriber", () => {
    expect(audienceDeltas(undefined, base)).toEqual({
      "signups|*": 1,
      "signups|topic:world": 1,
      "signups|topic:culture": 1,
      "signups|cadence:daily": 1,
    });
    const active = { ...base, status: "active" as const };
    expect(audienceDeltas(base, active)).toMatchObject({
      "confirmations|*": 1,
      "net|*": 1,
      "net|topic:world": 1,
    });
    const left = audienceDeltas(active, { ...active, status: "unsubscribed" }, "footer");
    expect(left).toMatchObject({
      "unsubscribes|*": 1,
      "unsubscribes.footer|topic:culture": 1,
      "net|cadence:daily": -1,
    });
    expect(Object.keys(left).some((k) => k.startsWith("unsubscribes.admin"))).toBe(false);
  });

  it("moves net by a change of topics without counting a sign-up", () => {
    const active = { ...base, status: "active" as const };
    expect(audienceDeltas(active, { ...active, topics: ["world", "business"] })).toEqual({
      "net|topic:culture": -1,
      "net|topic:business": 1,
    });
  });

  it("reads one scope of a day's fields, zero where nothing happened", () => {
    const day = audienceDay(
      "2026-12-06",
      { "signups|topic:world": 2, "unsubscribes.one-click|topic:world": 1 },
      "topic:world",
    );
    expect(day).toMatchObject({
      signups: 2,
      confirmations: 0,
      unsubscribesByWay: { "one-click": 1, footer: 0 },
    });
  });
});
