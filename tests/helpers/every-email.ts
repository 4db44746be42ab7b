import { expect } from "vitest";
import { adminHeaders, articleBody, signedWebhook } from "./factories.js";
import type { TestHerald } from "./herald.js";
import { seedSubscribers } from "./seed.js";
import { type StoredEmail, sentEmails } from "./ses-store.js";
import { subscribeRequest } from "./subscription.js";

/** Every kind of email Herald sends, as the SES stand-in received it. */
export type EmailKind = "confirmation" | "edition" | "briefing" | "test send" | "share";

export interface EveryEmail {
  emails: Record<EmailKind, StoredEmail>;
  editionId: string;
  briefingId: string;
}

/** A story as newsrooms send them: an inline figure with a caption, a list, a link. */
const STORY_BODY = [
  "<p>MUNICH — The United States has reached out to its European allies, asking what they would need.</p>",
  '<figure><img src="https://news.example/map.jpg" alt="A map of the region"><figcaption>The region, in a map from the ministry.</figcaption></figure>',
  "<p>Officials said the talks would continue next week in Brussels, where ministers meet.</p>",
  '<ul><li>Security guarantees</li><li>Reconstruction funds</li></ul><p><a href="/background">Background</a></p>',
].join("");

/** The rest of the day's news, so the briefing has sections, stories with and without pictures. */
const MORE_STORIES = [
  {
    url: "https://news.example/budget-vote",
    title: "Parliament passes the budget after an all-night session",
    summary: "The vote came shortly after dawn; the opposition says it will challenge two measures in court.",
    topics: ["politics"],
    imageUrl: "https://news.example/parliament.jpg",
  },
  {
    url: "https://news.example/floods-ease",
    title: "Floods ease along the river as the rain moves east",
    summary:
      "Emergency crews reopened the main bridge on Monday; schools in the valley stay closed until Wednesday.",
    topics: ["world"],
    imageUrl: undefined,
  },
  {
    url: "https://news.example/night-buses",
    title: "Mayors meet to plan a shared night-bus network",
    summary: "Six cities would share one timetable and one ticket from spring.",
    topics: ["politics"],
    imageUrl: "http://news.example/night-bus.jpg",
  },
];

async function waitFor<T>(what: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const found = await what();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the email never arrived");
}

const arrived = (herald: TestHerald, match: (e: StoredEmail) => boolean) =>
  waitFor(async () => (await sentEmails(herald.sesEndpoint)).find(match));

/**
 * Drives a fresh Herald through each kind of send, the way readers and editors cause them: a
 * sign-up (confirmation), a published article (edition, to an instant reader), the next morning's
 * briefing (to a daily reader), an editor's test send and a reader's "email a friend". The Herald
 * must run on a clock the caller moves with `setClock`, starting the day before the briefing.
 *
 * @example
 * const { emails } = await sendEveryEmail(herald, (iso) => (clock = new Date(iso)));
 * emails.briefing.body.html; // the briefing as the daily reader got it
 */
export async function sendEveryEmail(
  herald: TestHerald,
  setClock: (iso: string) => void,
): Promise<EveryEmail> {
  await seedSubscribers(herald.ports, 1, ["world"], { prefix: "instant" });
  await seedSubscribers(herald.ports, 1, ["world", "politics"], { prefix: "daily", cadence: "daily" });
  const emails: Partial<Record<EmailKind, StoredEmail>> = {};

  setClock("2026-11-24T09:00:00Z");
  expect((await subscribeRequest(herald, { email: "new@example.org", topics: ["world"] })).status).toBe(202);
  emails.confirmation = await arrived(herald, (e) => e.destination.to.includes("new@example.org"));

  const at = Math.floor(Date.parse("2026-11-24T09:00:00Z") / 1000);
  const published = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ bodyHtml: STORY_BODY, publishedAt: "2026-11-24T09:00:00Z" }), undefined, at),
  );
  const { editionId } = (await published.json()) as { editionId: string };
  await herald.settled();
  for (const [i, story] of MORE_STORIES.entries()) {
    const iso = `2026-11-24T1${i}:00:00Z`;
    setClock(iso);
    const body = articleBody({ id: `more-${i}`, publishedAt: iso, ...story });
    await herald.app.request("/v1/webhooks/articles", signedWebhook(body, undefined, Date.parse(iso) / 1000));
  }
  await herald.settled();
  emails.edition = await arrived(herald, (e) => e.destination.to.includes("instant0@example.org"));

  setClock("2026-11-25T07:00:00Z");
  const run = await herald.app.request("/v1/briefings/run", { method: "POST", headers: adminHeaders() });
  const { briefingId } = (await run.json()) as { briefingId: string };
  await herald.settled();
  emails.briefing = await arrived(herald, (e) => e.destination.to.includes("daily0@example.org"));

  await herald.app.request(`/v1/editions/${editionId}/test`, {
    method: "POST",
    headers: { ...adminHeaders(), "content-type": "application/json" },
    body: JSON.stringify({ to: ["editor@news.example"] }),
  });
  emails["test send"] = await arrived(herald, (e) => e.destination.to.includes("editor@news.example"));

  await herald.app.request("/v1/share/email", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.9" },
    body: JSON.stringify({
      editionId,
      to: ["friend@example.org"],
      fromName: "Ana",
      message: "Worth a read.",
    }),
  });
  emails.share = await arrived(herald, (e) => e.destination.to.includes("friend@example.org"));
  return { emails: emails as Record<EmailKind, StoredEmail>, editionId, briefingId };
}
