import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Subscriber, subscriberId } from "../../functions/domain/subscriber.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { seedSubscribers } from "../helpers/seed.js";
import { clearEmails, countByRecipient, header, type StoredEmail, sentEmails } from "../helpers/ses-store.js";

let clock = new Date("2026-11-24T08:00:00Z");
let herald: TestHerald;

const at = (iso: string) => {
  clock = new Date(iso);
};

async function publishAt(iso: string, overrides: Record<string, unknown>) {
  at(iso);
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(
      articleBody({ publishedAt: iso, ...overrides }),
      undefined,
      Math.floor(clock.getTime() / 1000),
    ),
  );
  expect(res.status).toBe(202);
  return ((await res.json()) as { editionId: string }).editionId;
}

async function runBriefing() {
  const res = await herald.app.request("/v1/briefings/run", { method: "POST", headers: adminHeaders() });
  const body = (await res.json()) as { briefingId: string; created: boolean };
  await herald.settled();
  return { status: res.status, ...body };
}

const to = (emails: StoredEmail[], address: string) =>
  emails.filter((e) => e.destination.to.includes(address));

describe("daily briefing", () => {
  beforeAll(async () => {
    // Prepare: five daily readers with overlapping topics and one instant reader.
    herald = await startHerald({}, { now: () => clock });
    await seedSubscribers(herald.ports, 1, ["world"], { prefix: "daily-world", cadence: "daily" });
    await seedSubscribers(herald.ports, 1, ["politics", "world"], { prefix: "daily-both", cadence: "daily" });
    await seedSubscribers(herald.ports, 1, ["world", "politics"], {
      prefix: "daily-both-b",
      cadence: "daily",
    });
    await seedSubscribers(herald.ports, 1, ["business"], { prefix: "daily-business", cadence: "daily" });
    await seedSubscribers(herald.ports, 1, ["culture"], { prefix: "daily-culture", cadence: "daily" });
    await seedSubscribers(herald.ports, 1, ["world", "politics"], { prefix: "instant", cadence: "instant" });
  });
  afterAll(() => herald.stop());

  it("sends each daily reader one email with the new editions of their topics, once", async () => {
    // Prepare: a day of news; the breaking story reaches daily readers at once.
    await publishAt("2026-11-24T08:00:00Z", { id: "a", title: "Story A world", topics: ["world"] });
    await publishAt("2026-11-24T09:00:00Z", { id: "b", title: "Story B politics", topics: ["politics"] });
    await publishAt("2026-11-24T10:00:00Z", { id: "c", title: "Story C business", topics: ["business"] });
    await publishAt("2026-11-24T11:00:00Z", {
      id: "d",
      title: "Story D breaking",
      topics: ["world"],
      breaking: true,
    });
    await herald.settled();
    const instantDay = await sentEmails(herald.sesEndpoint);
    expect(to(instantDay, "daily-world0@example.org").map((e) => e.subject)).toEqual([
      "Breaking: Story D breaking",
    ]);
    expect(to(instantDay, "instant0@example.org")).toHaveLength(3);
    await clearEmails(herald.sesEndpoint);

    // Act: the next morning's briefing.
    at("2026-11-25T07:00:00Z");
    const run = await runBriefing();

    // Assess
    expect(run).toMatchObject({ status: 202, briefingId: "br_20261125", created: true });
    const emails = await sentEmails(herald.sesEndpoint);
    const world = to(emails, "daily-world0@example.org");
    expect(world).toHaveLength(1);
    expect(world[0]?.body.text).toContain("Story A world");
    expect(world[0]?.body.text).not.toContain("Story D breaking");
    expect(world[0]?.body.text).not.toContain("Story B politics");
    for (const both of ["daily-both0@example.org", "daily-both-b0@example.org"]) {
      const [email] = to(emails, both);
      const text = email?.body.text ?? "";
      // Grouped by topic in the newsroom's order (world before politics), each story once.
      expect(text.indexOf("Story A world")).toBeGreaterThan(-1);
      expect(text.indexOf("Story A world")).toBeLessThan(text.indexOf("Story B politics"));
      expect(text.match(/Story A world/g)).toHaveLength(1);
      expect(header(email as StoredEmail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      expect(header(email as StoredEmail, "List-Unsubscribe")).toMatch(
        /^<https:\/\/news\.example\.test\/v1\/unsubscribe\?token=/,
      );
    }
    expect(to(emails, "daily-business0@example.org")[0]?.body.text).toContain("Story C business");
    expect(to(emails, "daily-culture0@example.org")).toHaveLength(0);
    expect(to(emails, "instant0@example.org")).toHaveLength(0);
    expect([...countByRecipient(emails).values()].every((n) => n === 1)).toBe(true);

    const status = await herald.app.request(`/v1/briefings/${run.briefingId}`, { headers: adminHeaders() });
    const view = (await status.json()) as {
      status: string;
      counts: Record<string, number>;
      renders: number;
      editions: string[];
    };
    expect(view.status).toBe("sent");
    expect(view.counts).toMatchObject({ planned: 4, sent: 4, failed: 0 });
    // Three combinations were present with news (world; politics+world; business): three renders.
    expect(view.renders).toBe(3);
    expect(view.editions).toHaveLength(3);
  });

  it("sends nothing on a second run the same day", async () => {
    // Act
    const again = await runBriefing();

    // Assess
    expect(again).toMatchObject({ status: 202, briefingId: "br_20261125", created: false });
    expect(await sentEmails(herald.sesEndpoint)).toHaveLength(4);
  });

  it("never repeats an edition in the next briefing, and skips a day without news", async () => {
    // Prepare
    await clearEmails(herald.sesEndpoint);

    // Act: a quiet day, then a day with one new world story.
    at("2026-11-26T07:00:00Z");
    const quiet = await runBriefing();
    await publishAt("2026-11-26T09:00:00Z", { id: "e", title: "Story E world", topics: ["world"] });
    await herald.settled();
    await clearEmails(herald.sesEndpoint);
    at("2026-11-27T07:00:00Z");
    const next = await runBriefing();

    // Assess
    expect(quiet.created).toBe(true);
    const list = await herald.app.request("/v1/briefings?limit=5", { headers: adminHeaders() });
    const { briefings } = (await list.json()) as {
      briefings: Array<{ id: string; status: string; counts: { sent: number } }>;
    };
    expect(briefings.map((b) => b.id)).toEqual([next.briefingId, "br_20261126", "br_20261125"]);
    expect(briefings[1]).toMatchObject({ status: "sent", counts: { sent: 0 } });
    const emails = await sentEmails(herald.sesEndpoint);
    const [world] = to(emails, "daily-world0@example.org");
    expect(world?.body.text).toContain("Story E world");
    expect(world?.body.text).not.toContain("Story A world");
    expect(to(emails, "daily-business0@example.org")).toHaveLength(0);
    expect(emails).toHaveLength(3);
  });

  it("follows a reader's changed topics and cadence (their briefing audience entry moves with them)", async () => {
    // Prepare: one reader moves from world to business, another from daily to instant.
    const change = async (email: string, next: { topics?: string[]; cadence?: "instant" | "daily" }) => {
      const id = subscriberId(email);
      const before = (await herald.ports.subscribers.get(id)) as Subscriber;
      const saved = await herald.ports.subscribers.save(
        { ...before, ...next, updatedAt: new Date().toISOString() },
        before,
      );
      expect(saved).toBe(true);
    };
    await change("daily-world0@example.org", { topics: ["business"] });
    await change("daily-business0@example.org", { cadence: "instant" });
    await publishAt("2026-11-27T09:00:00Z", { id: "f", title: "Story F business", topics: ["business"] });
    await publishAt("2026-11-27T10:00:00Z", { id: "g", title: "Story G world", topics: ["world"] });
    await herald.settled();
    await clearEmails(herald.sesEndpoint);

    // Act
    at("2026-11-28T07:00:00Z");
    await runBriefing();

    // Assess
    const emails = await sentEmails(herald.sesEndpoint);
    const [moved] = to(emails, "daily-world0@example.org");
    expect(moved?.body.text).toContain("Story F business");
    expect(moved?.body.text).not.toContain("Story G world");
    expect(to(emails, "daily-business0@example.org")).toHaveLength(0);
    expect(to(emails, "daily-both0@example.org")[0]?.body.text).toContain("Story G world");
  });

  it("refuses a malformed id and an unknown briefing, and needs the admin key", async () => {
    const bad = await herald.app.request("/v1/briefings/nope", { headers: adminHeaders() });
    const missing = await herald.app.request("/v1/briefings/br_20200101", { headers: adminHeaders() });
    const anonymous = await herald.app.request("/v1/briefings/run", { method: "POST" });
    expect([bad.status, missing.status, anonymous.status]).toEqual([400, 404, 401]);
  });
});
