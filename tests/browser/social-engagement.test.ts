import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamoSocialEngagementRepo } from "../../functions/adapters/dynamo/social-engagement-repo.js";
import type { DueLookup } from "../../functions/domain/social/engagement.js";
import { sweepEngagement } from "../../functions/flows/sweep-engagement.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { type MastodonFake, startMastodonFake } from "../helpers/social/fakes/mastodon.js";
import { startTelegramFake, type TelegramFake } from "../helpers/social/fakes/telegram.js";
import { seriousViolations, sidewaysOverflow, startBrowser } from "./helpers/browser.js";
import { serveConsole } from "./helpers/console-server.js";

/**
 * The engagement of an edition's social posts in the console. Mastodon's counts come through the
 * real flow: the post goes to a loopback Mastodon, the clock moves an hour and a day on, and the
 * engagement sweep reads the fake's counts. Bluesky posts to the outbox (which reads no counts), so
 * its snapshots are written through the repository the sweep stores with: counts at 1 h, and at 1 d
 * a look-up that gave up with a hostile error text. Telegram gives none; the other outbox networks
 * have none yet.
 */
const HOSTILE_ERROR = `HTTP 500 <img src=x onerror="window.__xss='engagement'"><script>window.__xss=1</script> & "quoted"`;
const HOUR = 3_600_000;
const SHOTS = join(import.meta.dirname, "screenshots");

let herald: TestHerald;
let mastodon: MastodonFake;
let telegram: TelegramFake;
let server: Awaited<ReturnType<typeof serveConsole>>;
let browser: Awaited<ReturnType<typeof startBrowser>>;
let editionId: string;
/** Herald's clock runs this far ahead of the real one once the look-ups are due. */
let ahead = 0;

type Post = { network: string; account: string; status: string; url?: string };

async function postsOf(id: string): Promise<Post[]> {
  const res = await herald.app.request(`/v1/editions/${id}`, { headers: adminHeaders() });
  return ((await res.json()) as { social: Post[] }).social;
}

beforeAll(async () => {
  [mastodon, telegram] = await Promise.all([startMastodonFake(), startTelegramFake()]);
  herald = await startHerald(
    {},
    {
      drawCards: true,
      now: () => new Date(Date.now() + ahead),
      socialQueue: { visibilityTimeoutMs: 30_000 },
      social: {
        outboxDir: mkdtempSync(join(tmpdir(), "herald-outbox-")),
        settings: {
          HERALD_MASTODON_API_URL: mastodon.url,
          HERALD_MASTODON_ACCESS_TOKEN: mastodon.token,
          HERALD_TELEGRAM_API_URL: telegram.url,
          HERALD_TELEGRAM_BOT_TOKEN: telegram.token,
          HERALD_TELEGRAM_CHAT_ID: `@${telegram.publicChannel.username}`,
        },
      },
    },
  );
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id: "engaged-1", title: "Harbour reopens after the storm" })),
  );
  editionId = ((await res.json()) as { editionId: string }).editionId;
  await herald.settled();
  const status = mastodon.statuses[0]?.id as string;
  // The document client as every repository makes it (`adapters/dynamo/client.ts`).
  const db = DynamoDBDocumentClient.from(herald.dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const engagement = dynamoSocialEngagementRepo(db, herald.config.tableName);
  const sweep = () => sweepEngagement(herald.ports, { adapters: herald.social.adapters, engagement });

  mastodon.engagement.set(status, { favourites: 12, reblogs: 3, replies: 2 });
  ahead = HOUR + 60_000;
  expect(await sweep()).toEqual(["read"]);
  mastodon.engagement.set(status, { favourites: 40, reblogs: 9, replies: 5 });
  ahead = 24 * HOUR + 60_000;
  expect(await sweep()).toEqual(["read"]);

  const bluesky = (await postsOf(editionId)).find((p) => p.network === "bluesky") as Post;
  const due = (lookup: DueLookup["lookup"]): DueLookup => ({
    editionId,
    network: "bluesky",
    account: bluesky.account,
    postId: "at://outbox/1",
    url: bluesky.url ?? "",
    lookup,
    dueAt: new Date().toISOString(),
    tries: 0,
  });
  const at = herald.ports.now().toISOString();
  expect(await engagement.record(due("1h"), { at, likes: 5, reposts: 1, replies: 0, quotes: 2 })).toBe(true);
  expect(await engagement.record(due("1d"), { at, error: HOSTILE_ERROR, tries: 3 })).toBe(true);

  server = await serveConsole(herald);
  browser = await startBrowser();
  mkdirSync(SHOTS, { recursive: true });
  // Signed in once: the browser context keeps the session cookie for every test.
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/console/sign-in`);
  await page.fill("#key", "dev-admin-key");
  await page.click("button[type=submit]");
  await page.waitForURL(/\/console\/editions$/);
  await page.close();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await herald?.stop();
  await Promise.all([mastodon?.close(), telegram?.close()]);
});

const cells = (page: Page, row: string) =>
  page.locator(`table.engagement ${row}`).locator("td").allTextContents();

describe("social engagement in the console", { timeout: 300_000 }, () => {
  it("shows each post's counts at 1 h and 1 d, why others have none, and the totals, escaped and accessible", async () => {
    // Prepare
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    for (const width of [375, 1280]) {
      // Act
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/console/editions/${editionId}`);
      await page.locator("table.engagement").waitFor();

      // Assess: Mastodon read through the sweep (it gives no quotes: "—", not 0).
      expect(await cells(page, '[data-post="mastodon"] [data-lookup="1h"]')).toEqual(["12", "3", "2", "—"]);
      expect(await cells(page, '[data-post="mastodon"] [data-lookup="1d"]')).toEqual(["40", "9", "5", "—"]);
      expect(await cells(page, '[data-post="bluesky"] [data-lookup="1h"]')).toEqual(["5", "1", "0", "2"]);
      const failed = await cells(page, '[data-post="bluesky"] [data-lookup="1d"]');
      expect(failed[0]).toMatch(/^look-up failed \(3 tries, last .+\): /);
      expect(failed[0]).toContain(HOSTILE_ERROR);
      expect(await page.locator('table.engagement [data-post="telegram"]').textContent()).toContain(
        "not available for Telegram",
      );
      expect(await cells(page, '[data-post="x"] [data-lookup="1h"]')).toEqual([
        expect.stringMatching(/^not yet \(due about .+\)$/),
      ]);
      // Across networks: Telegram is not counted; a count no post gave stays "—".
      const total1h = page.locator('table.engagement [data-total="1h"]');
      expect(await total1h.locator("td").allTextContents()).toEqual(["17", "4", "2", "2"]);
      expect(await total1h.textContent()).toContain("2 of 6 posts read");
      const total1d = page.locator('table.engagement [data-total="1d"]');
      expect(await total1d.locator("td").allTextContents()).toEqual(["40", "9", "5", "—"]);
      expect(await total1d.textContent()).toContain("1 of 6 posts read");
      expect(await page.locator("table.engagement th[scope=col]").allTextContents()).toEqual([
        "Post",
        "After",
        "Likes",
        "Reposts",
        "Replies",
        "Quotes",
      ]);

      expect(await seriousViolations(page), `at ${width}`).toEqual([]);
      expect(await sidewaysOverflow(page), `at ${width}`).toBeLessThanOrEqual(0);
      await page
        .locator("section", { has: page.locator("table.engagement") })
        .screenshot({ path: join(SHOTS, `edition-engagement-${width}.png`) });
    }
    expect(await page.locator("main img[src=x], main script").count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("sums each account's recent posts a day after they went out on the social accounts page", async () => {
    // Prepare
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    for (const width of [375, 1280]) {
      // Act
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/console/social`);
      await page.locator("#account-engagement").waitFor();

      // Assess
      const row = (network: string) => page.locator(`#account-engagement [data-account="${network}"] td`);
      expect(await row("mastodon").allTextContents()).toEqual(["1 of 1", "40", "9", "5", "—", "0"]);
      expect(await row("bluesky").allTextContents()).toEqual(["0 of 1", "nothing read yet", "1"]);
      expect(await row("x").allTextContents()).toEqual(["0 of 1", "nothing read yet", "0"]);
      expect(await row("telegram").allTextContents()).toEqual([
        expect.stringContaining("not available for Telegram"),
      ]);
      expect(await seriousViolations(page), `at ${width}`).toEqual([]);
      expect(await sidewaysOverflow(page), `at ${width}`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, `social-engagement-${width}.png`), fullPage: true });
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
