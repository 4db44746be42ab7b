import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriberId } from "../../functions/domain/subscriber.js";
import type { EngagementStats } from "../../functions/domain/tracking/engagement-stats-schema.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, TEST_PUBLIC_URL, type TestHerald } from "../helpers/herald.js";
import { header, sentEmails } from "../helpers/ses-store.js";
import { importRows } from "../helpers/subscription.js";

/** A fixed clock, so the timeline's minute is known. */
const clock = Date.parse("2026-04-01T08:00:00Z");
let herald: TestHerald;
let editionId: string;
const readers = ["una@example.org", "vic@example.org", "wes@example.org", "xia@example.org"] as const;
const links = {} as Record<(typeof readers)[number], { unsubscribe: string; preferences: string }>;

beforeAll(async () => {
  herald = await startHerald({}, { now: () => new Date(clock) });
  await importRows(
    herald,
    readers.map((r) => [r, undefined, "world"] as [string, undefined, string]),
  );
  const body = articleBody({ id: "attribution-1" });
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(body, undefined, Math.floor(clock / 1000)),
  );
  editionId = ((await res.json()) as { editionId: string }).editionId;
  await herald.settled();
  for (const email of await sentEmails(herald.sesEndpoint)) {
    const to = email.destination.to[0] as (typeof readers)[number];
    const unsubscribe = (header(email, "List-Unsubscribe") ?? "").replace(/^<|>$/g, "");
    const preferences = (email.body.html ?? "").match(/href="([^"]*\/v1\/preferences\?[^"]+)"/)?.[1] ?? "";
    links[to] = { unsubscribe, preferences: preferences.replace(/&amp;/g, "&") };
  }
}, 60_000);
afterAll(() => herald.stop());

const path = (url: string) => url.replace(TEST_PUBLIC_URL, "");
const post = (url: string, body = "List-Unsubscribe=One-Click") =>
  herald.app.request(path(url), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
const stats = async () => {
  const res = await herald.app.request(`/v1/editions/${editionId}/stats`, { headers: adminHeaders() });
  return (await res.json()) as EngagementStats;
};

describe("unsubscribes attributed to the edition whose link was used", () => {
  it("puts the edition on each email's List-Unsubscribe and preferences links", () => {
    for (const r of readers) {
      expect(links[r].unsubscribe).toContain(`&e=${editionId}`);
      expect(links[r].preferences).toContain(`&e=${editionId}`);
    }
  });

  it("counts one-click, footer and preference-center unsubscribes on the edition, each once, by way", async () => {
    // One-click: the mail app posts to the header's URL; a second press changes nothing.
    expect((await post(links["una@example.org"].unsubscribe)).status).toBe(200);
    expect((await post(links["una@example.org"].unsubscribe)).status).toBe(200);
    // Footer: the page's form posts back with the edition still named.
    const page = await (await herald.app.request(path(links["vic@example.org"].unsubscribe))).text();
    const action = (page.match(/action="([^"]+)"/)?.[1] ?? "").replace(/&amp;/g, "&");
    expect(action).toContain(`e=${editionId}`);
    expect((await post(action)).status).toBe(200);
    // The preference center's "unsubscribe from everything".
    expect((await post(links["wes@example.org"].preferences, "action=unsubscribe")).status).toBe(200);

    const s = await stats();
    expect(s.unsubscribes).toEqual({
      total: 3,
      byWay: { "one-click": 1, footer: 1, preferences: 1, complaint: 0, admin: 0 },
    });
    expect(s.timeline.reduce((sum, t) => sum + t.unsubscribed, 0)).toBe(3);
    expect(s.timeline.find((t) => t.unsubscribed > 0)?.bucket).toBe("2026-04-01T08:00");
  });

  it("unsubscribes, unattributed, when `e` names no edition; never counts on another", async () => {
    const forged = links["xia@example.org"].unsubscribe.replace(`e=${editionId}`, "e=https://evil.example");
    expect((await post(forged)).status).toBe(200);
    const s = await stats();
    expect(s.unsubscribes.total).toBe(3);
    expect((await herald.ports.subscribers.get(subscriberId("xia@example.org")))?.status).toBe(
      "unsubscribed",
    );
  });
});
