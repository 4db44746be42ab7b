import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngagementStats } from "../../functions/domain/tracking/engagement-stats-schema.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, TEST_PUBLIC_URL, type TestHerald } from "../helpers/herald.js";
import { importRows } from "../helpers/subscription.js";
import { follow, hit, trackedEmail } from "../helpers/tracked-email.js";

let clock = Date.now();
let herald: TestHerald;
let editionId: string;
let links: string[];
let story: string;

beforeAll(async () => {
  herald = await startHerald({ tracking: "clicks" }, { now: () => new Date(clock) });
  await importRows(herald, [["tok@example.org", "Tok", "world"]]);
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id: "tokens-1" }), undefined, Math.floor(clock / 1000)),
  );
  editionId = ((await res.json()) as { editionId: string }).editionId;
  await herald.settled();
  const email = await trackedEmail(herald, "tok@example.org");
  links = email.links;
  expect(email.pixel).toBeUndefined(); // clicks only: no pixel
  story = links.find((l) => l) as string;
}, 60_000);
afterAll(() => herald.stop());

const clicks = async () => {
  await herald.settled();
  const res = await herald.app.request(`/v1/editions/${editionId}/stats`, { headers: adminHeaders() });
  return (await res.json()) as EngagementStats;
};
/** A tracked link is `/r/<token>.<link index>`: the recipient's email token, then the index. */
const tokenOf = (url: string) => url.slice(`${TEST_PUBLIC_URL}/r/`.length).replace(/\.\d+$/, "");
/** Replaces one character of the token's signature, keeping the link index. */
const tamperMac = (url: string) => {
  const token = tokenOf(url);
  const changed = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
  return url.replace(token, changed);
};
/** The same token pointing at another link of the email. */
const withLink = (url: string, index: number) => `${TEST_PUBLIC_URL}/r/${tokenOf(url)}.${index}`;

describe("tracking tokens", () => {
  it("carries one token a recipient: every tracked link is that token and the link's index", async () => {
    expect(links.length).toBeGreaterThan(2);
    expect(new Set(links.map(tokenOf)).size).toBe(1);
    expect(links.map((l) => l.slice(l.lastIndexOf(".") + 1))).toEqual(links.map((_, i) => String(i)));
  });

  it("sends a tampered token's reader to the link it names, and counts nothing", async () => {
    const target = await follow(herald, story);
    const before = (await clicks()).clicks;
    clock += 60_000;
    expect(await follow(herald, tamperMac(story))).toBe(target);
    clock += 60_000;
    expect(await follow(herald, tamperMac(links[1] as string))).toBe(
      await follow(herald, links[1] as string),
    );
    const after = (await clicks()).clicks;
    expect(after?.humanTotal).toBe((before?.humanTotal ?? 0) + 1); // the genuine click on links[1] only
  });

  it("takes a changed index to that link of the same email, counted as this reader's click on it", async () => {
    // A HEAD is a machine's hit: it tells where link 2 goes without counting a human click.
    const expected = (await hit(herald, links[2] as string, { method: "HEAD" })).headers.get("location");
    expect(expected).toMatch(/^https:\/\//);
    const before = (await clicks()).clicks?.humanTotal ?? 0;
    clock += 60_000;
    expect(await follow(herald, withLink(story, 2))).toBe(expected);
    expect((await clicks()).clicks?.humanTotal).toBe(before + 1);
  });

  it("answers a 404 page for a link the email does not have, or a token that is not one", async () => {
    for (const url of [
      withLink(story, 999),
      `${TEST_PUBLIC_URL}/r/not-a-token`,
      `${TEST_PUBLIC_URL}/r/t.x~y.k.0.mac`,
    ]) {
      const res = await hit(herald, url);
      expect(res.status).toBe(404);
      expect(res.headers.get("location")).toBeNull();
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    }
  });

  it("never redirects to a URL taken from the request", async () => {
    const res = await hit(herald, `${story}?url=https://evil.example/&next=https://evil.example/`);
    expect(res.headers.get("location")).not.toMatch(/evil/);
    const encoded = await hit(herald, `${TEST_PUBLIC_URL}/r/${encodeURIComponent("https://evil.example/")}`);
    expect(encoded.status).toBe(404);
  });

  it("still redirects with an expired token, without counting it", async () => {
    const target = await follow(herald, story);
    const before = (await clicks()).clicks?.humanTotal;
    clock += 31 * 86_400_000;
    expect(await follow(herald, story)).toBe(target);
    expect((await clicks()).clicks?.humanTotal).toBe(before);
  });
});

describe("HERALD_TRACKING=off", () => {
  let off: TestHerald;
  beforeAll(async () => {
    off = await startHerald({ tracking: "off" });
    await importRows(off, [["quiet@example.org", "Q", "world"]]);
    await off.app.request("/v1/webhooks/articles", signedWebhook(articleBody({ id: "untracked-1" })));
    await off.settled();
  }, 60_000);
  afterAll(() => off.stop());

  it("sends the article's own links, no pixel, and the stats say tracking is off", async () => {
    const email = await trackedEmail(off, "quiet@example.org");
    expect(email.links).toEqual([]);
    expect(email.pixel).toBeUndefined();
    expect(email.html).toContain('href="https://news.example/us-europe-ukraine"');
    expect(email.html).not.toMatch(/\/r\/|\/o\//);
    const list = (await (await off.app.request("/v1/editions", { headers: adminHeaders() })).json()) as {
      editions: Array<{ id: string }>;
    };
    const id = list.editions[0]?.id as string;
    const stats = (await (
      await off.app.request(`/v1/editions/${id}/stats`, { headers: adminHeaders() })
    ).json()) as EngagementStats;
    expect(stats).toMatchObject({ tracking: "off", clicks: null, opens: null, links: [] });
  });
});
