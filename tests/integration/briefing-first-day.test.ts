import { afterEach, describe, expect, it } from "vitest";
import { startBriefingTimer } from "../../functions/flows/briefing-timer.js";
import type { Ports } from "../../functions/flows/ports.js";
import { startBriefing } from "../../functions/flows/start-briefing.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { seedSubscribers } from "../helpers/seed.js";
import { sentEmails } from "../helpers/ses-store.js";

// A fresh install started after the briefing hour (07:00 UTC by default): nothing published yet.
let clock = new Date("2026-11-24T10:00:00Z");
let herald: TestHerald | undefined;
let stopTimer = () => {};
afterEach(async () => {
  stopTimer();
  await herald?.stop();
});

async function start(iso: string) {
  clock = new Date(iso);
  herald = await startHerald({}, { now: () => clock });
  await seedSubscribers(herald.ports, 1, ["world"], { prefix: "daily", cadence: "daily" });
  return herald;
}

async function publishAt(h: TestHerald, iso: string, id: string) {
  clock = new Date(iso);
  const res = await h.app.request(
    "/v1/webhooks/articles",
    signedWebhook(
      articleBody({ id, title: `Story ${id}`, topics: ["world"], publishedAt: iso }),
      undefined,
      Math.floor(clock.getTime() / 1000),
    ),
  );
  expect(res.status).toBe(202);
  await h.settled();
}

async function runNow(h: TestHerald) {
  const res = await h.app.request("/v1/briefings/run", { method: "POST", headers: adminHeaders() });
  expect(res.status).toBe(202);
  const body = (await res.json()) as { briefingId: string; created: boolean };
  await h.settled();
  return body;
}

const until = async (check: () => Promise<boolean> | boolean) => {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
};

describe("the first day's briefing", () => {
  it("is not used up by the local timer's empty run: 'run now' later sends the day's stories", async () => {
    // Prepare: the timer ticks every 20 ms; counting its looks tells when it has had its chances.
    const h = await start("2026-11-24T10:00:00Z");
    let looks = 0;
    const counted: Ports = {
      ...h.ports,
      briefings: {
        ...h.ports.briefings,
        get: (id) => {
          looks++;
          return h.ports.briefings.get(id);
        },
      },
    };
    stopTimer = startBriefingTimer(counted, { intervalMs: 20 });
    await until(async () => Boolean(await h.ports.briefings.get("br_20261124")));
    expect(await h.ports.briefings.get("br_20261124")).toMatchObject({ status: "sent", items: [] });

    // Act: the newsroom's first story, the timer ticking on, then the editor's "run now".
    await publishAt(h, "2026-11-24T10:30:00Z", "first");
    const seen = looks;
    await until(() => looks >= seen + 5);
    const beforeRun = await sentEmails(h.sesEndpoint);
    const run = await runNow(h);
    const again = await runNow(h);

    // Assess: the timer started the day once and sent nothing; "run now" sent the story, once.
    expect(beforeRun).toHaveLength(0);
    expect(run).toEqual({ briefingId: "br_20261124", created: true });
    expect(again).toEqual({ briefingId: "br_20261124", created: false });
    const emails = await sentEmails(h.sesEndpoint);
    expect(emails.map((e) => e.destination.to)).toEqual([["daily0@example.org"]]);
    expect(emails[0]?.body.text).toContain("Story first");
  }, 60_000);

  it("is not used up by the schedule's empty run either, and the next day starts where it ended", async () => {
    // Prepare: the schedule (AWS's path: the same start) finds nothing at the hour.
    // (Other days than the first test's: a send worker keeps renders by briefing id, per process.)
    const h = await start("2026-11-26T07:00:00Z");
    const empty = await startBriefing(h.ports);
    expect(empty).toMatchObject({ created: true, briefing: { items: [], status: "sent" } });

    // Act: a story, "run now"; the next morning another story and the schedule.
    await publishAt(h, "2026-11-26T08:00:00Z", "monday");
    const run = await runNow(h);
    await publishAt(h, "2026-11-27T06:00:00Z", "tuesday");
    clock = new Date("2026-11-27T07:00:00Z");
    const next = await startBriefing(h.ports);
    await h.settled();

    // Assess
    expect(run).toEqual({ briefingId: "br_20261126", created: true });
    expect(next.created).toBe(true);
    const bodies = (await sentEmails(h.sesEndpoint)).map((e) => e.body.text);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toContain("Story monday");
    expect(bodies[1]).toContain("Story tuesday");
    expect(bodies[1]).not.toContain("Story monday");
  }, 60_000);
});
