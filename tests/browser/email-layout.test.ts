import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EveryEmail, sendEveryEmail } from "../helpers/every-email.js";
import { startHerald, TEST_PUBLIC_URL, type TestHerald } from "../helpers/herald.js";
import { solidPng } from "../helpers/images.js";
import { startBrowser } from "./helpers/browser.js";
import { serveOnLoopback } from "./helpers/serve-app.js";

// The emails a reader and an editor open, and their web versions, in a real Chromium at phone and
// desktop widths: nothing wider than the screen, and the briefing laid out like a newsletter.
// Screenshots go to tests/browser/screenshots/ (git-ignored) for a person to look at.
const SHOTS = join(import.meta.dirname, "screenshots");
let clock = new Date("2026-11-24T09:00:00Z");
let herald: TestHerald;
let site: Awaited<ReturnType<typeof serveOnLoopback>>;
let browser: Awaited<ReturnType<typeof startBrowser>>;
let sent: EveryEmail;

/** The article images, served by the browser itself: the test reaches no network. */
const PICTURES: Record<string, Buffer> = {
  "/a.jpg": solidPng(1600, 900, "#3b6e8f"),
  "/map.jpg": solidPng(1200, 800, "#8f6e3b"),
  "/parliament.jpg": solidPng(800, 800, "#6b3b8f"),
  "/night-bus.jpg": solidPng(640, 480, "#2f7d4f"),
};

beforeAll(async () => {
  herald = await startHerald({}, { now: () => clock });
  sent = await sendEveryEmail(herald, (iso) => {
    clock = new Date(iso);
  });
  site = await serveOnLoopback(herald.app.fetch);
  browser = await startBrowser();
  await browser.context.route("https://news.example/**", (route) => {
    const body = PICTURES[new URL(route.request().url()).pathname];
    return body ? route.fulfill({ body, contentType: "image/png" }) : route.fulfill({ status: 404 });
  });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await herald?.stop();
});

/** A web version's address on the loopback server instead of the public URL. */
const local = (url: string) => url.replace(TEST_PUBLIC_URL, site.url);

const pages: Array<[name: string, open: (page: Page) => Promise<unknown>]> = [
  ["edition-email", (p) => p.setContent(sent.emails.edition.body.html ?? "")],
  ["briefing-email", (p) => p.setContent(sent.emails.briefing.body.html ?? "")],
  ["test-send-email", (p) => p.setContent(sent.emails["test send"].body.html ?? "")],
  ["edition-web", (p) => p.goto(local(`${TEST_PUBLIC_URL}/v1/editions/${sent.editionId}/web`))],
  [
    "briefing-web",
    (p) => p.goto(local(`${TEST_PUBLIC_URL}/v1/briefings/${sent.briefingId}/web/politics,world`)),
  ],
];

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
}

/** What the page measures: its overflow, its images, and the briefing's headlines and thumbnails. */
function measure(page: Page) {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      innerWidth: number;
      document: {
        documentElement: { scrollWidth: number };
        querySelectorAll(s: string): ArrayLike<{
          getBoundingClientRect(): Box;
          naturalWidth?: number;
          getAttribute(n: string): string | null;
          textContent: string | null;
          closest(s: string): { getAttribute(n: string): string | null } | null;
        }>;
      };
      getComputedStyle(e: unknown): { fontSize: string };
    };
    const box = (e: { getBoundingClientRect(): Box }) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
    };
    const images = Array.from(g.document.querySelectorAll("img"));
    // Article links, or (tracking is on by default) Herald's tracked links to them: resolved below.
    const links = Array.from(g.document.querySelectorAll("a[href^='https://']"));
    return {
      overflow: g.document.documentElement.scrollWidth - g.innerWidth,
      viewport: g.innerWidth,
      images: images.map((i) => ({
        src: i.getAttribute("src"),
        href: i.closest("a")?.getAttribute("href"),
        decoded: i.naturalWidth ?? 0,
        ...box(i),
      })),
      headlines: links
        .filter((a) => !a.closest("td")?.getAttribute("href") && (a.textContent ?? "").trim().length > 20)
        .filter((a) => Array.from(g.document.querySelectorAll("img")).every((i) => i.closest("a") !== a))
        .map((a) => ({ href: a.getAttribute("href"), size: g.getComputedStyle(a).fontSize, ...box(a) })),
    };
  });
}

/** Where a tracked link sends its reader (the article), asked of Herald's redirect. */
async function trackedTarget(href: string) {
  const res = await herald.app.request(href.replace(TEST_PUBLIC_URL, ""), {
    headers: { "user-agent": "layout-test" },
  });
  expect(res.status, href).toBe(302);
  return res.headers.get("location") ?? "";
}

async function openAt(width: number, name: string | undefined, open: (page: Page) => Promise<unknown>) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  // Only loopback servers and the pictures above exist here: a request to any other host is refused
  // at once, never left to hang on a name that cannot resolve. A page's route outranks its context's,
  // so the pictures' host must not match this one (it did, and every image was measured broken).
  await page.route(
    (url) => !["127.0.0.1", "localhost", "news.example"].includes(url.hostname),
    (route) => route.abort(),
  );
  await open(page);
  // Both ways of opening wait for `load`; the images must also have settled (loaded or refused) before
  // anything is measured. Not "networkidle": after `setContent` it once waited out its 30 s on a busy CI.
  await page.waitForFunction(() =>
    Array.from(
      (globalThis as unknown as { document: { images: ArrayLike<{ complete: boolean }> } }).document.images,
    ).every((image) => image.complete),
  );
  if (name) await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  return page;
}

describe.each([375, 1280])("at %i px", (width) => {
  it.each(pages)("the %s fits the width, every image inside it", async (name, open) => {
    const page = await openAt(width, name, open);
    const m = await measure(page);
    await page.close();
    expect(m.overflow).toBeLessThanOrEqual(0);
    expect(m.images.length).toBeGreaterThan(0);
    for (const image of m.images) {
      // Measured as a reader sees it: the picture arrived, not a broken-image box of the same size.
      expect(image.decoded, image.src ?? "").toBeGreaterThan(0);
      expect(image.left, image.src ?? "").toBeGreaterThanOrEqual(0);
      expect(image.right, image.src ?? "").toBeLessThanOrEqual(m.viewport);
    }
  });

  it("the briefing puts each thumbnail beside its headline, every headline the same size", async () => {
    const page = await openAt(width, undefined, pages[1]?.[1] as (p: Page) => Promise<unknown>);
    const m = await measure(page);
    await page.close();
    // Each tracked link followed to where it leads: the thumbnails are the images that lead to articles.
    const targets = new Map<string, string>();
    for (const href of new Set([...m.images, ...m.headlines].map((x) => x.href ?? ""))) {
      targets.set(href, href.startsWith(`${TEST_PUBLIC_URL}/r/`) ? await trackedTarget(href) : href);
    }
    const article = (href: string | null | undefined) =>
      targets.get(href ?? "")?.startsWith("https://news.example/");
    m.headlines = m.headlines.filter((h) => article(h.href));
    const thumbnails = m.images.filter((i) => article(i.href));
    expect(thumbnails).toHaveLength(3);
    expect(new Set(m.headlines.map((h) => h.size)).size).toBe(1);
    for (const thumbnail of thumbnails) {
      const headline = m.headlines.find((h) => h.href === thumbnail.href);
      expect(headline, thumbnail.href ?? "").toBeDefined();
      // Beside, on the right: it starts where the headline ends, and level with it, not above it.
      expect(thumbnail.left).toBeGreaterThanOrEqual((headline as Box).right - 1);
      expect(thumbnail.top).toBeLessThan((headline as Box).bottom);
      expect(thumbnail.width).toBeLessThanOrEqual(m.viewport * 0.35);
    }
  });
});
