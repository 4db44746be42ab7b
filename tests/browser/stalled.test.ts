import { afterAll, beforeAll, expect, it } from "vitest";
import { zeroCounts } from "../../functions/domain/edition.js";
import type { EditionRecord } from "../../functions/flows/ports.js";
import { adminHeaders, articleBody } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { seriousViolations, startBrowser } from "./helpers/browser.js";
import { serveConsole } from "./helpers/console-server.js";

/**
 * A send that stopped moving, as the console shows it: the `stalled` status the API reports, since
 * when, who is left, and a Resume that queues the work again (the worker then finishes it).
 */
let herald: TestHerald;
let server: Awaited<ReturnType<typeof serveConsole>>;
let browser: Awaited<ReturnType<typeof startBrowser>>;
const ID = "ed_stalledconsole00000001";

beforeAll(async () => {
  herald = await startHerald({ stallSeconds: 60 });
  // Arrange: an edition left `sending` an hour ago with 7 planned recipients and no chunk: nothing moves it.
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  const stalled: EditionRecord = {
    id: ID,
    article: articleBody({ id: "stalled-1", title: "Stalled story" }) as unknown as EditionRecord["article"],
    status: "sending",
    counts: { ...zeroCounts(), planned: 7 },
    createdAt: hourAgo,
    updatedAt: hourAgo,
    plan: {},
    planDone: true,
    chunksTotal: 1,
    chunksDone: 0,
  };
  await herald.ports.editions.create(stalled);
  server = await serveConsole(herald);
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await herald?.stop();
});

it("shows a stalled edition as stalled, since when and who is left, and offers Resume", async () => {
  const api = (await (
    await herald.app.request(`/v1/editions/${ID}`, { headers: adminHeaders() })
  ).json()) as {
    status: string;
    remaining: number;
  };
  expect(api).toMatchObject({ status: "stalled", remaining: 7 });

  const page = await browser.context.newPage();
  await page.goto(`${server.url}/console/sign-in`);
  await page.fill("#key", "dev-admin-key");
  await page.click("button[type=submit]");
  await page.waitForURL(/\/console\/editions$/);
  await page.goto(`${server.url}/console/editions/${ID}`);
  await page.getByText("recipients left").waitFor();
  expect(await page.locator(".badge").first().textContent()).toBe("stalled");
  expect(await page.getByText("recipients left").textContent()).toContain("7 recipients left");
  expect(await seriousViolations(page)).toEqual([]);
  expect(await page.getByRole("button", { name: "Resume" }).count()).toBe(1);
  await page.close();
});
