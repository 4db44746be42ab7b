import { describe, expect, it } from "vitest";
import { articleSchema } from "../../../../functions/domain/article.js";
import {
  type BriefingCandidate,
  briefingItems,
  comboOf,
  sectionsFor,
} from "../../../../functions/domain/briefing/content.js";
import { BriefingSchedule, briefingId, isDue } from "../../../../functions/domain/briefing/schedule.js";

const Article = articleSchema(["world", "politics", "business", "culture"]);

function candidate(
  id: string,
  overrides: Record<string, unknown> = {},
  status: BriefingCandidate["status"] = "sent",
): BriefingCandidate {
  const article = Article.parse({
    id,
    url: `https://news.example/${id}`,
    title: `Title ${id}`,
    topics: ["world"],
    publishedAt: "2026-11-24T08:00:00Z",
    ...overrides,
  });
  return { id: `ed_${id}`, article, status };
}

describe("briefing content", () => {
  it("keeps email editions only, newest first, without breaking news or failed editions", () => {
    const items = briefingItems([
      candidate("old", { publishedAt: "2026-11-24T06:00:00Z" }),
      candidate("new", { publishedAt: "2026-11-24T10:00:00Z" }),
      candidate("breaking", { breaking: true }),
      candidate("social-only", { channels: { email: false, social: true } }),
      candidate("failed", {}, "failed"),
    ]);
    expect(items.map((i) => i.articleId)).toEqual(["new", "old"]);
  });

  it.each(["held", "scheduled", "cancelled"] as const)("leaves out a %s edition: it is not out", (status) => {
    const items = briefingItems([candidate("out"), candidate("not-out", {}, status)]);
    expect(items.map((i) => i.articleId)).toEqual(["out"]);
  });

  it("shows an article edited within the window once, as its latest version", () => {
    const items = briefingItems([
      candidate("a", { version: "1", title: "First take" }),
      candidate("a", { version: "2", title: "Corrected" }),
    ]);
    expect(items.map((i) => i.title)).toEqual(["Corrected"]);
  });

  it("names a topic combination the same whatever the order or repeats", () => {
    expect(comboOf(["world", "business", "world"])).toBe(comboOf(["business", "world"]));
    expect(comboOf(["world"])).not.toBe(comboOf(["world", "politics"]));
  });

  it("groups by the newsroom's topic order, each story once under the first topic the reader follows", () => {
    const items = briefingItems([
      candidate("both", { topics: ["politics", "world"], publishedAt: "2026-11-24T09:00:00Z" }),
      candidate("pol", { topics: ["politics"], publishedAt: "2026-11-24T10:00:00Z" }),
      candidate("biz", { topics: ["business"] }),
    ]);
    const sections = sectionsFor("politics+world", items, ["world", "politics", "business", "culture"]);
    expect(sections.map((s) => [s.topic, s.items.map((i) => i.articleId)])).toEqual([
      ["world", ["both"]],
      ["politics", ["pol"]],
    ]);
    expect(sectionsFor("culture", items, ["world", "politics", "business", "culture"])).toEqual([]);
  });
});

describe("briefing schedule", () => {
  it("names the briefing after the newsroom's local date, across midnight and time zones", () => {
    const lateEvening = new Date("2026-11-25T23:30:00Z");
    expect(briefingId(lateEvening, "UTC")).toBe("br_20261125");
    expect(briefingId(lateEvening, "Europe/Berlin")).toBe("br_20261126");
    expect(briefingId(lateEvening, "America/New_York")).toBe("br_20261125");
  });

  it("is due from the configured local hour on, once a day, through daylight saving changes", () => {
    const berlin7 = BriefingSchedule.parse({ hour: 7, timeZone: "Europe/Berlin" });
    // 06:00 UTC is 07:00 in Berlin in winter (CET) but 08:00 in summer (CEST).
    expect(isDue(new Date("2026-11-25T05:59:00Z"), berlin7, false)).toBe(false);
    expect(isDue(new Date("2026-11-25T06:00:00Z"), berlin7, false)).toBe(true);
    expect(isDue(new Date("2026-07-01T05:00:00Z"), berlin7, false)).toBe(true);
    expect(isDue(new Date("2026-07-01T04:59:00Z"), berlin7, false)).toBe(false);
    expect(isDue(new Date("2026-11-25T12:00:00Z"), berlin7, true)).toBe(false);
  });

  it("refuses a time zone that does not exist", () => {
    expect(BriefingSchedule.safeParse({ timeZone: "Mars/Olympus" }).success).toBe(false);
  });
});
