import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { dynamoEngagementMarks } from "../../functions/adapters/dynamo/engagement-marks.js";
import { marksTableOf } from "../../functions/domain/config.js";
import { recipientLinks } from "../../functions/domain/recipient-links.js";
import { subscriberId } from "../../functions/domain/subscriber.js";
import { emptyMark } from "../../functions/domain/tracking/engagement-mark.js";
import type { AudienceDay } from "../../functions/domain/tracking/engagement-stats-schema.js";
import { applyFeedback } from "../../functions/flows/apply-feedback.js";
import { confirm } from "../../functions/flows/manage-subscription.js";
import { recordEngagements } from "../../functions/flows/record-engagements.js";
import { unsubscribe } from "../../functions/flows/unsubscribe.js";
import { LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { adminHeaders } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { subscribeRequest } from "../helpers/subscription.js";

/** A fixed clock: day one is 2026-03-02, day two 2026-03-03 (UTC). */
let clock = Date.parse("2026-03-02T10:00:00Z");
let herald: TestHerald;
beforeAll(async () => {
  herald = await startHerald({}, { now: () => new Date(clock) });
});
afterAll(() => herald.stop());

type Series = { from: string; to: string; scope: string; days: AudienceDay[] };
const series = async (query: string) => {
  const res = await herald.app.request(`/v1/stats/audience?${query}`, {
    headers: adminHeaders("dev-viewer-key"),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Series;
};
const pathOf = (url: string) => url.replace(herald.config.publicUrl, "");
const ways = (w: Partial<AudienceDay["unsubscribesByWay"]>) => ({
  "one-click": 0,
  footer: 0,
  preferences: 0,
  complaint: 0,
  admin: 0,
  ...w,
});
let message = 0;
const feedback = (kind: "hard-bounce" | "complaint", id: string) =>
  applyFeedback(herald.ports, {
    eventType: kind === "complaint" ? "Complaint" : "Bounce",
    messageId: `aud-${++message}`,
    actions: [{ kind, subscriberId: id, mark: `aud-${message}#${id}` }],
    unmatched: 0,
  });

describe("the audience series", () => {
  it("puts sign-ups, confirmations, unsubscribes by way, bounces and complaints in their day and topic", async () => {
    const world = ["w1", "w2", "w3", "w4", "w5", "w6"].map((n) => `${n}@example.org`);
    for (const email of world) await subscribeRequest(herald, { email, topics: ["world"] });
    await subscribeRequest(herald, { email: "c1@example.org", topics: ["culture"], cadence: "daily" });
    await herald.settled();
    const ids = [...world, "c1@example.org"].map(subscriberId);
    for (const id of ids) expect(await confirm(herald.ports, id)).toBe("confirmed");

    clock = Date.parse("2026-03-03T09:00:00Z");
    const [w1, w2, w3, w4, w5, w6, c1] = ids as [string, string, string, string, string, string, string];
    const links = (id: string) => recipientLinks(herald.config, herald.secrets.tokenKeys, id, clock / 1000);
    // One-click: the mail app's button posts straight to the List-Unsubscribe URL.
    const oneClick = await herald.app.request(pathOf(links(w1).unsubscribeUrl), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    // Footer: the link's page, whose form posts back with `via=page`.
    const page = await (await herald.app.request(pathOf(links(w2).unsubscribeUrl))).text();
    const action = (page.match(/action="([^"]+)"/)?.[1] ?? "").replace(/&amp;/g, "&");
    expect(action).toContain("via=page");
    await herald.app.request(action, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    const prefs = await herald.app.request(pathOf(links(w3).preferencesUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ action: "unsubscribe" }),
    });
    expect(prefs.status).toBe(200);
    await unsubscribe(herald.ports, w4); // an admin
    await feedback("complaint", w5);
    await feedback("hard-bounce", w6);
    await feedback("hard-bounce", c1);

    const all = await series("from=2026-03-01&to=2026-03-03");
    expect(all.days.map((d) => d.day)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03"]);
    expect(all.days[0]).toMatchObject({ signups: 0, confirmations: 0, net: 0 });
    expect(all.days[1]).toEqual({
      day: "2026-03-02",
      signups: 7,
      confirmations: 7,
      unsubscribes: 0,
      unsubscribesByWay: ways({}),
      bounces: 0,
      complaints: 0,
      net: 7,
    });
    expect(all.days[2]).toEqual({
      day: "2026-03-03",
      signups: 0,
      confirmations: 0,
      // The complaint unsubscribed its sender before suppressing them: it is both.
      unsubscribes: 5,
      unsubscribesByWay: ways({ "one-click": 1, footer: 1, preferences: 1, admin: 1, complaint: 1 }),
      bounces: 2,
      complaints: 1,
      net: -7,
    });
    const culture = await series("from=2026-03-02&to=2026-03-03&topic=culture");
    expect(culture.scope).toBe("topic:culture");
    expect(culture.days.map((d) => [d.signups, d.confirmations, d.unsubscribes, d.bounces, d.net])).toEqual([
      [1, 1, 0, 0, 1],
      [0, 0, 0, 1, -1],
    ]);
    const world2 = await series("from=2026-03-03&to=2026-03-03&topic=world");
    expect(world2.days[0]).toMatchObject({ unsubscribes: 5, bounces: 1, complaints: 1, net: -6 });
    const daily = await series("from=2026-03-02&to=2026-03-02&cadence=daily");
    expect(daily.days[0]).toMatchObject({ signups: 1, net: 1 });

    const csv = await herald.app.request("/v1/stats/audience?from=2026-03-03&to=2026-03-03&format=csv", {
      headers: adminHeaders(),
    });
    expect((await csv.text()).trim().split("\n")).toEqual([
      "day,signups,confirmations,unsubscribes,unsubscribes_one-click,unsubscribes_footer,unsubscribes_preferences,unsubscribes_complaint,unsubscribes_admin,bounces,complaints,net",
      "2026-03-03,0,0,5,1,1,1,1,1,2,1,-7",
    ]);
  });

  it("refuses a bad range or filter with a 400", async () => {
    for (const q of [
      "from=2026-03-04&to=2026-03-03",
      "from=2020-01-01&to=2026-03-03",
      "from=yesterday",
      "topic=World",
      "topic=world&cadence=daily",
    ]) {
      const res = await herald.app.request(`/v1/stats/audience?${q}`, { headers: adminHeaders() });
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    }
  });

  it("erasure removes the subscriber's engagement marks; the aggregates stay", async () => {
    await subscribeRequest(herald, { email: "gone@example.org", topics: ["world"] });
    await herald.settled();
    const id = subscriberId("gone@example.org");
    const click = {
      id: "e1",
      kind: "click" as const,
      target: "ed_AAAAAAAAAAAAAAAAAAAAAA",
      recipient: id,
      sentAt: clock / 1000,
      url: "https://news.example/a",
      at: clock,
      machine: false,
    };
    const open = { ...click, id: "e2", kind: "open" as const, target: "br_20260303", url: undefined };
    const db = documentClient({
      endpoint: inject("dynamoEndpoint"),
      region: "local",
      credentials: LOCAL_CREDENTIALS,
    });
    const store = dynamoEngagementMarks(db, marksTableOf(herald.ports.config));
    await recordEngagements({ ...herald.ports, marks: store }, [click, open]);
    const marks = () => store.getMarks([click, open]);
    expect((await marks()).every((m) => m !== undefined)).toBe(true);
    // A mark written before marks had a table of their own, in the main table: erased too.
    const legacy = dynamoEngagementMarks(db, herald.ports.config.tableName);
    await legacy.putMarks([{ ...click, mark: emptyMark(), version: 0, expiresAt: clock / 1000 + 86400 }]);
    expect(await legacy.getMarks([click])).not.toEqual([undefined]);

    const res = await herald.app.request("/v1/subscribers/gone@example.org", {
      method: "DELETE",
      headers: adminHeaders(),
    });
    expect(res.status).toBe(200);
    expect(await marks()).toEqual([undefined, undefined]);
    expect(await legacy.getMarks([click])).toEqual([undefined]);
    const counters = await herald.stats.engagement(click.target);
    expect(counters.message).toMatchObject({ humanClickers: 1 });
  });
});
