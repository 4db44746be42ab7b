import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { follow, trackedEmail } from "../helpers/tracked-email.js";
import { seriousViolations, startBrowser } from "./helpers/browser.js";
import { serveConsole } from "./helpers/console-server.js";

/**
 * Every console page in Chromium: none shows without a session, hostile titles and names show as
 * text and run nothing, axe-core finds nothing serious or critical, and each page is photographed
 * at 375 and 1280 px into tests/browser/screenshots/ (git-ignored) for a person to look at.
 */
const HOSTILE_TITLE = `Budget <img src=x onerror="window.__xss='title'"><script>window.__xss='script'</script> & "quotes"`;
const HOSTILE_NAME = `<svg onload=window.__xss=1>Mallory`;
const SHOTS = join(import.meta.dirname, "screenshots");

let herald: TestHerald;
let server: Awaited<ReturnType<typeof serveConsole>>;
let browser: Awaited<ReturnType<typeof startBrowser>>;
let editionId: string;
let briefingId: string | undefined;
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 60_000, interval: 200 });

const admin = (path: string, init: RequestInit = {}) =>
  herald.app.request(path, { ...init, headers: { ...adminHeaders(), ...(init.headers ?? {}) } });

beforeAll(async () => {
  herald = await startHerald(
    {},
    { social: { settings: {}, outboxDir: mkdtempSync(join(tmpdir(), "herald-outbox-")) } },
  );
  const csv = [
    "email,name,topics,cadence",
    `mallory@example.org,"${HOSTILE_NAME.replace(/"/g, '""')}",world,instant`,
    "ana@example.org,Ana,world,daily",
    "ben@example.org,Ben,politics,instant",
  ].join("\n");
  expect(
    (
      await admin("/v1/subscribers/import", {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: csv,
      })
    ).status,
  ).toBe(200);
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id: "hostile-1", title: HOSTILE_TITLE, topics: ["world"] })),
  );
  editionId = ((await res.json()) as { editionId: string }).editionId;
  await herald.settled();
  // A reader clicks the edition's first link: the edition page shows it per link, human.
  await follow(herald, (await trackedEmail(herald, "mallory@example.org")).links[0] as string);
  const run = await admin("/v1/briefings/run", { method: "POST" });
  if (run.status === 202) briefingId = ((await run.json()) as { briefingId: string }).briefingId;
  await herald.settled();
  server = await serveConsole(herald);
  browser = await startBrowser();
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await herald?.stop();
});

/** Elements that reach past the viewport's right edge (the page would scroll sideways). */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Box = { right: number };
    type El = {
      tagName: string;
      className: string;
      getBoundingClientRect(): Box;
      closest(s: string): unknown;
    };
    const { document } = globalThis as unknown as {
      document: { documentElement: { clientWidth: number }; querySelectorAll(s: string): Iterable<El> };
    };
    const width = document.documentElement.clientWidth;
    return Array.from(document.querySelectorAll("body *"))
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest(".scroll, .frame-box"))
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}px`,
      )
      .slice(0, 5);
  });
}

/** Every page with what must be on it once it has drawn. */
function pages(): Array<{ name: string; path: string; ready: string; act?: (p: Page) => Promise<void> }> {
  return [
    { name: "editions", path: "/console/editions", ready: `tr[data-edition="${editionId}"]` },
    {
      name: "edition",
      path: `/console/editions/${editionId}`,
      ready: '[data-count="sent"]',
      act: async (p: Page) => {
        // Engagement: the clicked link with one reader, machines in a column of their own, the timeline.
        const links = p.locator("table", { hasText: "Clicks per link" });
        await links.waitFor();
        const cells = await links.locator("tbody tr").first().locator("td").allTextContents();
        expect(cells[0]).toMatch(/^https:\/\//);
        expect(cells.slice(1)).toEqual(["1", "1", "0"]);
        expect(await p.locator("table", { hasText: "machines beside them" }).textContent()).toContain(
          "Machine",
        );
        expect(await p.locator(".legend").allTextContents()).toContainEqual(
          expect.stringContaining("human clicks"),
        );
      },
    },
    { name: "briefings", path: "/console/briefings", ready: "table" },
    ...(briefingId
      ? [
          {
            name: "briefing",
            path: `/console/briefings/${briefingId}`,
            ready: '[data-count="planned"]',
            act: async (p: Page) => {
              await p.locator("table", { hasText: "machines beside them" }).waitFor();
            },
          },
        ]
      : []),
    {
      name: "subscribers",
      path: "/console/subscribers",
      ready: "#lookup-email",
      act: async (p: Page) => {
        // Growth per day shows every series the counters keep, bounces and complaints included.
        await p.waitForSelector(".legend");
        const legend = await p.locator(".legend").first().textContent();
        for (const series of ["sign-ups", "confirmations", "unsubscribes", "bounces", "complaints"])
          expect(legend).toContain(series);
        // The audience series: unsubscribes by way, every way listed.
        const ways = p.locator("table", { hasText: "Unsubscribes by way" });
        await ways.waitFor();
        for (const way of ["one-click", "footer", "preferences", "complaint", "admin"])
          expect(await ways.textContent()).toContain(way);
        await p.fill("#lookup-email", "mallory@example.org");
        await p.click("form.lookup button[type=submit]");
        await p.waitForSelector('[data-field="name"]');
      },
    },
    { name: "social", path: "/console/social", ready: "table, .notice:not(:empty)" },
    { name: "audit", path: "/console/audit", ready: "#audit tbody tr" },
  ];
}

describe("console pages in Chromium", { timeout: 300_000 }, () => {
  it("shows no page without a session: each goes to sign-in, and the API refuses the page's calls", async () => {
    const page = await browser.context.newPage();
    for (const { path } of pages()) {
      const res = await page.goto(`${server.url}${path}`);
      expect(res?.headers()["content-security-policy"]).toContain("script-src 'self'");
      await page.waitForURL(/\/console\/sign-in\?next=/);
      expect(await page.locator("main").textContent()).not.toContain("Budget");
    }
    const status = await page.evaluate(
      async () => (await fetch("/v1/editions", { credentials: "same-origin" })).status,
    );
    expect(status).toBe(401);
    await page.close();
  });

  it("escapes hostile titles and names, passes axe-core, and is photographed at 375 and 1280 px", async () => {
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}/console/sign-in`);
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await seriousViolations(page), `sign-in at ${width}`).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `sign-in-${width}.png`), fullPage: true });
    }
    await page.fill("#key", "dev-admin-key");
    await page.click("button[type=submit]");
    await page.waitForURL(/\/console\/editions$/);

    for (const { name, path, ready, act } of pages()) {
      for (const width of [375, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${server.url}${path}`);
        await page.waitForSelector(ready).catch((e: Error) => {
          throw new Error(`${name} at ${width}: ${e.message}; page errors: ${errors.join(" | ")}`);
        });
        await act?.(page);
        expect(await seriousViolations(page), `${name} at ${width}`).toEqual([]);
        // Nothing fits only on a wide screen: the page itself never scrolls sideways.
        const wide = await page.evaluate(
          () =>
            (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
              .documentElement.scrollWidth,
        );
        expect(wide, `${name} at ${width}: ${(await overflowing(page)).join(", ")}`).toBeLessThanOrEqual(
          width,
        );
        await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
      }
      expect(await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss), name).toBeUndefined();
    }
    // The title as its characters: in the list, as the edition's heading, in the card's alt text.
    await page.goto(`${server.url}/console/editions`);
    await eventually(() => page.locator(`tr[data-edition="${editionId}"] a`).textContent()).toBe(
      HOSTILE_TITLE,
    );
    await page.goto(`${server.url}/console/editions/${editionId}`);
    await eventually(() => page.locator("h1").textContent()).toBe(HOSTILE_TITLE);
    expect(await page.locator("main img[src*='onerror'], main script").count()).toBe(0);
    await page.goto(`${server.url}/console/subscribers`);
    await page.fill("#lookup-email", "mallory@example.org");
    await page.click("form.lookup button[type=submit]");
    await eventually(() => page.locator('[data-field="name"]').textContent()).toBe(HOSTILE_NAME);
    expect(await page.locator("main svg[onload]").count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("asks before cancelling, and Escape backs out without acting", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/console/subscribers`);
    await page.fill("#lookup-email", "ben@example.org");
    await page.click("form.lookup button[type=submit]");
    await page.getByRole("button", { name: "Erase" }).click();
    const dialog = page.getByRole("dialog");
    await eventually(() => dialog.isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await eventually(() => dialog.count()).toBe(0);
    expect((await admin("/v1/subscribers/ben@example.org")).status).toBe(200);
    await page.close();
  });
});
