import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngagementStats } from "../../functions/domain/tracking/engagement-stats-schema.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { seedSubscribers } from "../helpers/seed.js";
import { importRows } from "../helpers/subscription.js";
import { follow, trackedEmail } from "../helpers/tracked-email.js";

let clock = new Date("2026-11-24T08:00:00Z");
let herald: TestHerald;
let briefingId: string;

async function publish(id: string, topics: string[]) {
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(
      articleBody({
        id,
        url: `https://news.example/${id}`,
        title: `Story ${id}`,
        topics,
        publishedAt: clock.toISOString(),
      }),
      undefined,
      Math.floor(clock.getTime() / 1000),
    ),
  );
  expect(res.status).toBe(202);
}

beforeAll(async () => {
  herald = await startHerald({ tracking: "clicks" }, { now: () => clock });
  await seedSubscribers(herald.ports, 1, ["world"], { prefix: "bw", cadence: "daily" });
  await seedSubscribers(herald.ports, 1, ["world", "politics"], { prefix: "bwp", cadence: "daily" });
  // SES's mailbox simulator: one delivery, one hard bounce, one complaint come back as SES events.
  const imported = await importRows(herald, [
    ["success@simulator.amazonses.com", "S", "world", "daily"],
    ["bounce@simulator.amazonses.com", "B", "world", "daily"],
    ["complaint@simulator.amazonses.com", "C", "world", "daily"],
  ]);
  expect(imported.imported).toBe(3);
  await publish("brief-world", ["world"]);
  await publish("brief-politics", ["politics"]);
  await herald.settled();
  clock = new Date("2026-11-25T07:00:00Z");
  const run = await herald.app.request("/v1/briefings/run", { method: "POST", headers: adminHeaders() });
  briefingId = ((await run.json()) as { briefingId: string }).briefingId;
  await herald.settled();
}, 60_000);
afterAll(() => herald.stop());

describe("a briefing's tracked links", () => {
  it("lead each topic combination's readers to their stories, counted by URL across combinations", async () => {
    const world = await trackedEmail(herald, "bw0@example.org");
    const both = await trackedEmail(herald, "bwp0@example.org");
    const destinations = async (links: string[]) => {
      const out: string[] = [];
      for (const link of links) out.push(await follow(herald, link, { method: "HEAD" }));
      return out;
    };
    // A gateway probes every link with HEAD first: machines, counted apart from the reads below.
    const worldLinks = await destinations(world.links);
    const bothLinks = await destinations(both.links);
    expect(worldLinks).toContain("https://news.example/brief-world");
    expect(worldLinks).not.toContain("https://news.example/brief-politics");
    expect(bothLinks).toContain("https://news.example/brief-politics");

    clock = new Date("2026-11-25T07:05:00Z");
    await follow(herald, world.links[worldLinks.indexOf("https://news.example/brief-world")] as string);
    clock = new Date("2026-11-25T07:06:00Z");
    await follow(herald, both.links[bothLinks.indexOf("https://news.example/brief-world")] as string);

    await herald.settled();
    const res = await herald.app.request(`/v1/briefings/${briefingId}/stats`, {
      headers: adminHeaders("dev-viewer-key"),
    });
    expect(res.status).toBe(200);
    const stats = (await res.json()) as EngagementStats;
    expect(stats.clicks?.humanRecipients).toBe(2);
    expect(stats.links.find((l) => l.url === "https://news.example/brief-world")).toMatchObject({
      humanUnique: 2,
      humanTotal: 2,
      machineTotal: 2,
    });
    expect(stats.links.find((l) => l.url === "https://news.example/brief-politics")).toMatchObject({
      humanUnique: 0,
      machineTotal: 1,
    });
    expect(stats.timeline.reduce((n, row) => n + row.sent, 0)).toBe(5);
  });

  it("counts SES's feedback on the briefing, in its totals and its timeline", async () => {
    await herald.settled();
    const res = await herald.app.request(`/v1/briefings/${briefingId}/stats`, { headers: adminHeaders() });
    const stats = (await res.json()) as EngagementStats;
    // The complaint's address was delivered first, as SES reports it.
    expect(stats.counts).toMatchObject({ sent: 5, delivered: 2, bounced: 1, complained: 1 });
    const sum = (k: "delivered" | "bounced" | "complained") =>
      stats.timeline.reduce((n, row) => n + row[k], 0);
    expect([sum("delivered"), sum("bounced"), sum("complained")]).toEqual([2, 1, 1]);
  });
});
