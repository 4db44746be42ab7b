import { afterEach, describe, expect, it } from "vitest";
import { dueBucket } from "../../functions/domain/social/engagement.js";
import type { EngagementOutcome } from "../../functions/flows/ports/social.js";
import { sweepEngagement } from "../../functions/flows/sweep-engagement.js";
import { adminHeaders } from "../helpers/factories.js";
import { postUrl, type Script, scriptedAdapter } from "../helpers/social/scripted-adapter.js";
import { HARNESS_START, socialHarness } from "../helpers/social/social-harness.js";

type Harness = Awaited<ReturnType<typeof socialHarness>>;
let harness: Harness | undefined;
afterEach(() => harness?.stop());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const serverError: EngagementOutcome = { kind: "failed", message: "GET /x: HTTP 503", retryable: true };
const unauthorized: EngagementOutcome = { kind: "failed", message: "token revoked", retryable: false };

/** One Bluesky account whose reads follow `engagement`, an edition posted to it at HARNESS_START. */
async function posted(engagement: Script["engagement"] = []) {
  const bluesky = scriptedAdapter("bluesky", "news.example", { engagement });
  harness = await socialHarness([bluesky.adapter]);
  const id = await harness.edition();
  await harness.post(id);
  const h = harness;
  const sweep = () => sweepEngagement(h.ports, { adapters: [bluesky.adapter], engagement: h.engagement });
  const intent = () => h.ports.socialIntents.get(id, "bluesky", "news.example");
  return { h, id, bluesky, sweep, intent };
}

async function socialView(h: Harness, id: string) {
  const res = await h.app.request(`/v1/editions/${id}`, { headers: adminHeaders() });
  expect(res.status).toBe(200);
  return ((await res.json()) as { social: Array<Record<string, unknown>> }).social;
}

describe("social engagement look-ups", () => {
  it("reads the post an hour and a day after it went out, not before, and shows both", async () => {
    // Prepare
    const { h, id, bluesky, sweep } = await posted([
      { kind: "read", counts: { likes: 4, reposts: 1, replies: 0 } },
      { kind: "read", counts: { likes: 40, reposts: 9, replies: 3, quotes: 2 } },
    ]);

    // Act
    h.advance(HOUR - MINUTE);
    const early = await sweep();
    h.advance(MINUTE);
    const atOneHour = await sweep();
    h.advance(15 * MINUTE);
    const between = await sweep();
    h.advance(24 * HOUR - HOUR - 15 * MINUTE);
    const atOneDay = await sweep();

    // Assess
    expect([early, atOneHour, between, atOneDay]).toEqual([[], ["read"], [], ["read"]]);
    expect(bluesky.calls.engagement).toEqual([
      { postId: "bluesky-1", url: postUrl("bluesky") },
      { postId: "bluesky-1", url: postUrl("bluesky") },
    ]);
    const [post] = await socialView(h, id);
    expect(post?.engagement).toEqual({
      "1h": { at: new Date(HARNESS_START + HOUR).toISOString(), likes: 4, reposts: 1, replies: 0 },
      "1d": {
        at: new Date(HARNESS_START + 24 * HOUR).toISOString(),
        likes: 40,
        reposts: 9,
        replies: 3,
        quotes: 2,
      },
    });
    expect(post?.status).toBe("posted");
  });

  it("catches up on a look-up whose hour passed while no sweep ran", async () => {
    // Prepare
    const { h, sweep } = await posted();

    // Act
    h.advance(5 * HOUR + 7 * MINUTE);
    const late = await sweep();

    // Assess
    expect(late).toEqual(["read"]);
  });

  it("a read failing with 5xx is tried three times in all, then stored as the look-up's error; the post stays as it was", async () => {
    // Prepare
    const { h, bluesky, sweep, intent } = await posted([serverError, "throw", serverError]);
    const before = await intent();

    // Act
    h.advance(HOUR);
    const first = await sweep();
    h.advance(14 * MINUTE);
    const tooSoon = await sweep();
    h.advance(MINUTE);
    const second = await sweep();
    h.advance(30 * MINUTE);
    const third = await sweep();
    h.advance(HOUR);
    const after = await sweep();

    // Assess
    expect([first, tooSoon, second, third, after]).toEqual([["retried"], [], ["retried"], ["failed"], []]);
    expect(bluesky.calls.engagement).toHaveLength(3);
    const stored = await intent();
    const { engagement, ...post } = stored ?? {};
    expect(post).toEqual(before);
    expect(engagement).toEqual({
      "1h": {
        at: new Date(HARNESS_START + HOUR + 45 * MINUTE).toISOString(),
        error: "GET /x: HTTP 503",
        tries: 3,
      },
    });
  });

  it("a read refused for good (dead credentials) is stored at once and not tried again", async () => {
    // Prepare
    const { h, bluesky, sweep, intent } = await posted([unauthorized]);
    const before = await intent();

    // Act
    h.advance(HOUR);
    const first = await sweep();
    h.advance(HOUR);
    const later = await sweep();

    // Assess
    expect([first, later]).toEqual([["failed"], []]);
    expect(bluesky.calls.engagement).toHaveLength(1);
    const { engagement, ...post } = (await intent()) ?? {};
    expect(post).toEqual(before);
    expect(engagement?.["1h"]).toMatchObject({ error: "token revoked", tries: 1 });
  });

  it("a thrown read stores no URL from the error (it may carry a token)", async () => {
    // Prepare
    const { h, sweep, intent } = await posted(["throw", "throw", "throw"]);

    // Act
    for (const wait of [HOUR, 15 * MINUTE, 30 * MINUTE]) {
      h.advance(wait);
      await sweep();
    }

    // Assess
    const error = JSON.stringify((await intent())?.engagement);
    expect(error).toContain("socket hang up at [url]");
    expect(error).not.toContain("SECRET");
  });

  it("a look-up made twice (entered again, or two sweeps at once) stores the first counts once", async () => {
    // Prepare
    const { h, sweep, intent } = await posted([
      { kind: "read", counts: { likes: 3 } },
      { kind: "read", counts: { likes: 9 } },
      { kind: "read", counts: { likes: 12 } },
    ]);
    h.advance(HOUR);
    const bucket = dueBucket(h.now());
    const [due] = await h.engagement.due(bucket, h.now(), 10);

    // Act
    const both = await Promise.all([sweep(), sweep()]);
    if (due) await h.engagement.schedule([due]);
    const again = await sweep();

    // Assess
    expect(both.flat().filter((r) => r === "read").length).toBeGreaterThanOrEqual(1);
    expect(again).toEqual(["stored_before"]);
    expect((await intent())?.engagement?.["1h"]).toEqual({ at: h.now().toISOString(), likes: 3 });
    expect(await h.engagement.due(bucket, h.now(), 10)).toEqual([]);
  });

  it("enters no look-up for a post that failed, or on a network that gives no counts", async () => {
    // Prepare
    const refused = scriptedAdapter("x", "@news", {
      publish: [{ kind: "failed", message: "duplicate content" }],
      engagement: [],
    });
    const telegram = scriptedAdapter("telegram", "@news_channel");
    harness = await socialHarness([refused.adapter, telegram.adapter]);
    const id = await harness.edition();
    await harness.post(id);

    // Act
    harness.advance(HOUR);
    const due = await harness.engagement.due(dueBucket(harness.now()), harness.now(), 10);

    // Assess
    expect(due).toEqual([]);
    expect((await socialView(harness, id)).map((s) => [s.network, s.status, s.engagement])).toEqual(
      expect.arrayContaining([
        ["x", "failed", undefined],
        ["telegram", "posted", undefined],
      ]),
    );
  });
});
