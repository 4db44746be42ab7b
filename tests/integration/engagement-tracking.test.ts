import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngagementStats } from "../../functions/domain/tracking/engagement-stats-schema.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { importRows } from "../helpers/subscription.js";
import { APPLE_PROXY_AGENT, follow, hit, trackedEmail } from "../helpers/tracked-email.js";

/** Herald's clock: the test moves it, so "within a second of another click" is exact. */
let clock = Date.now();
let herald: TestHerald;
let editionId: string;
const readers = ["ana@example.org", "ben@example.org", "cleo@example.org", "dev@example.org"] as const;
type Reader = (typeof readers)[number];
const emails = {} as Record<Reader, Awaited<ReturnType<typeof trackedEmail>>>;
const destinations: string[] = [];

beforeAll(async () => {
  herald = await startHerald({ tracking: "opens,clicks" }, { now: () => new Date(clock) });
  await importRows(
    herald,
    readers.map((r) => [r, undefined, "world"] as [string, undefined, string]),
  );
  const body = articleBody({ id: "engagement-1" });
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(body, undefined, Math.floor(clock / 1000)),
  );
  editionId = ((await res.json()) as { editionId: string }).editionId;
  await herald.settled();
  for (const r of readers) emails[r] = await trackedEmail(herald, r);
  // Where each tracked link leads, by index (every email has the same links in the same order).
  for (const link of emails["dev@example.org"].links)
    destinations.push(await follow(herald, link, { method: "GET", agent: "" }));
}, 60_000);
afterAll(() => herald.stop());

/** The stats once the recorder has counted every queued click and open. */
const stats = async (key = "dev-viewer-key") => {
  await herald.settled();
  const res = await herald.app.request(`/v1/editions/${editionId}/stats`, { headers: adminHeaders(key) });
  expect(res.status).toBe(200);
  return (await res.json()) as EngagementStats;
};
const at = (ms: number) => {
  clock += ms;
};

describe("click and open tracking, end to end", () => {
  it("rewrites every article link of every email to Herald's redirect, and adds one pixel", () => {
    for (const r of readers) {
      const { html, links, pixel } = emails[r];
      expect(links.length).toBeGreaterThanOrEqual(3);
      expect(pixel).toBeDefined();
      // No link to the article's own site is left untracked in the HTML part.
      expect(html).not.toMatch(/href="https:\/\/news\.example\//);
    }
    expect(destinations).toContain("https://news.example/us-europe-ukraine");
    // Each recipient's links are theirs: no two emails share a token.
    expect(new Set(readers.flatMap((r) => emails[r].links)).size).toBe(
      readers.length * emails["ana@example.org"].links.length,
    );
  });

  it("counts exactly: unique humans per link, totals, machines apart, repeats and duplicates once", async () => {
    const story = destinations.indexOf("https://news.example/us-europe-ukraine");
    const other = story === 0 ? 1 : 0;
    const ana = emails["ana@example.org"];
    const ben = emails["ben@example.org"];
    const cleo = emails["cleo@example.org"];
    const dev = emails["dev@example.org"];
    // Before the probe above was counted there was nothing; that probe (no user agent) was a machine per link.
    at(60_000);
    // A scanner at Cleo's mail filter follows every link of her email within a second.
    for (const link of cleo.links) {
      at(50);
      expect(await follow(herald, link, { ip: "198.51.100.99" })).toBe(
        destinations[cleo.links.indexOf(link)],
      );
    }
    await hit(herald, cleo.pixel as string, { agent: APPLE_PROXY_AGENT, ip: "17.58.0.9" });
    at(5 * 60_000);
    // Ana reads the story, twice over the morning, and her mail app loads the pixel (twice at once).
    expect(await follow(herald, ana.links[story] as string)).toBe(destinations[story]);
    await hit(herald, ana.pixel as string);
    await hit(herald, ana.pixel as string);
    at(30 * 60_000);
    await follow(herald, ana.links[story] as string);
    // Ben's pixel is fetched by Apple's proxy; he clicks the story, then another link half a minute later.
    await hit(herald, ben.pixel as string, { agent: APPLE_PROXY_AGENT, ip: "17.58.0.10" });
    at(10_000);
    await follow(herald, ben.links[story] as string, { ip: "203.0.113.20" });
    at(30_000);
    await follow(herald, ben.links[other] as string, { ip: "203.0.113.20" });
    // The same request delivered twice (a browser retry) is one click.
    await follow(herald, ben.links[other] as string, { ip: "203.0.113.20" });
    // Dev's security gateway probes the story with HEAD.
    at(10_000);
    expect((await hit(herald, dev.links[story] as string, { method: "HEAD" })).status).toBe(302);

    const s = await stats();
    const link = (i: number) => s.links.find((l) => l.url === destinations[i]);
    const n = destinations.length;
    expect(s.tracking).toBe("opens,clicks");
    expect(s.clicks).toEqual({ humanRecipients: 2, humanTotal: 4, machineTotal: 2 * n + 1 });
    expect(link(story)).toEqual({ url: destinations[story], humanUnique: 2, humanTotal: 3, machineTotal: 3 });
    expect(link(other)).toEqual({ url: destinations[other], humanUnique: 1, humanTotal: 1, machineTotal: 2 });
    for (let i = 0; i < n; i++) {
      if (i !== story && i !== other)
        expect(link(i)).toEqual({ url: destinations[i], humanUnique: 0, humanTotal: 0, machineTotal: 2 });
    }
    // Ana opened; Ben's only open was Apple's proxy, but he clicked; Cleo's only open was the proxy.
    expect(s.opens).toEqual({ humanRecipients: 2, machineOnlyRecipients: 1, humanTotal: 1, machineTotal: 2 });
    const sum = (k: "sent" | "clicksHuman" | "clicksMachine" | "opensHuman" | "opensMachine") =>
      s.timeline.reduce((t, row) => t + row[k], 0);
    expect([sum("clicksHuman"), sum("clicksMachine"), sum("opensHuman"), sum("opensMachine")]).toEqual([
      4,
      2 * n + 1,
      1,
      2,
    ]);
    expect(s.timeline.every((row) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(row.bucket))).toBe(true);
    expect(s.counts).toMatchObject({ sent: 4 });
    expect(sum("sent")).toBe(4);
  });

  it("exports the link table and the timeline as CSV", async () => {
    await herald.settled();
    const res = await herald.app.request(`/v1/editions/${editionId}/stats?format=csv`, {
      headers: adminHeaders(),
    });
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]).toBe("url,human_unique,human_total,machine_total");
    expect(lines[1]).toBe("https://news.example/us-europe-ukraine,2,3,3");
    const timeline = await herald.app.request(`/v1/editions/${editionId}/stats?part=timeline`, {
      headers: { ...adminHeaders(), accept: "text/csv" },
    });
    expect((await timeline.text()).split("\n")[0]).toBe(
      "bucket,sent,delivered,bounced,complained,unsubscribed,clicks_human,clicks_machine,opens_human,opens_machine",
    );
  });

  it("answers only admins (viewer and up), and 404 for an unknown edition", async () => {
    expect((await herald.app.request(`/v1/editions/${editionId}/stats`)).status).toBe(401);
    const unknown = await herald.app.request("/v1/editions/ed_0000000000000000000000/stats", {
      headers: adminHeaders(),
    });
    expect(unknown.status).toBe(404);
    const bad = await herald.app.request("/v1/editions/nope/stats", { headers: adminHeaders() });
    expect(bad.status).toBe(400);
  });
});
