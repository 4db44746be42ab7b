import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriberId } from "../../functions/domain/subscriber.js";
import { issueToken } from "../../functions/domain/tokens.js";
import { adminHeaders } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { subscribeRequest } from "../helpers/subscription.js";
import { seriousViolations, sidewaysOverflow, startBrowser } from "./helpers/browser.js";
import { serveOnLoopback } from "./helpers/serve-app.js";

// The pages a reader reaches from an email, in a real Chromium at phone and desktop widths.
let herald: TestHerald;
let site: Awaited<ReturnType<typeof serveOnLoopback>>;
let browser: Awaited<ReturnType<typeof startBrowser>>;
const READER = "reader-pages@example.org";

beforeAll(async () => {
  herald = await startHerald();
  site = await serveOnLoopback(herald.app.fetch);
  browser = await startBrowser();
  const res = await subscribeRequest(herald, { email: READER, name: "<b>Reader</b>", topics: ["world"] });
  expect(res.status).toBe(202);
  // The sign-up is decided by the worker: wait until the subscriber exists, pending.
  for (let i = 0; i < 200 && (await status()) !== "pending"; i++) await new Promise((r) => setTimeout(r, 50));
});
afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await herald?.stop();
});

const status = async () =>
  (
    (await (await herald.app.request(`/v1/subscribers/${READER}`, { headers: adminHeaders() })).json()) as {
      status?: string;
    }
  ).status;
const token = (purpose: "confirm" | "preferences") =>
  issueToken(herald.secrets.tokenKeys, purpose, subscriberId(READER), 3600, Math.floor(Date.now() / 1000));

describe.each([375, 1280])("at %i px", (width) => {
  it.each([
    ["preferences", () => `/v1/preferences?token=${token("preferences")}`],
    ["invalid confirmation link", () => "/v1/confirm?token=not-a-token"],
  ])("the %s page has no serious accessibility violation and fits the width", async (_, path) => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${site.url}${path()}`);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await page.close();
  });
});

it("the confirmation page confirms only when its button is pressed", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${site.url}/v1/confirm?token=${token("confirm")}`);
  expect(await status()).toBe("pending");
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  // The click posts the form; the page it loads may not have started yet: ask until it has.
  await expect.poll(status, { timeout: 30_000 }).toBe("active");
  await page.close();
});
