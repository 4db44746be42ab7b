import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleApp, withConsole } from "../../functions/console/app.js";
import { buildConsoleAssets } from "../../functions/console/build.js";
import { localInboxRoutes } from "../../functions/local/inbox/inbox-routes.js";
import { articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { seedSubscribers } from "../helpers/seed.js";
import { type StoredEmail, sentEmails } from "../helpers/ses-store.js";
import { seriousViolations, sidewaysOverflow, startBrowser } from "./helpers/browser.js";
import { serveOnLoopback } from "./helpers/serve-app.js";

// The pages a newcomer opens from `npm start`'s banner: the API reference and the local inbox view,
// served on one port as `npm start` serves them, with an email whose title is hostile.
let herald: TestHerald;
let site: Awaited<ReturnType<typeof serveOnLoopback>>;
let browser: Awaited<ReturnType<typeof startBrowser>>;
let email: StoredEmail;

beforeAll(async () => {
  herald = await startHerald();
  const inbox = localInboxRoutes();
  const web = withConsole(herald.app.fetch, consoleApp(await buildConsoleAssets()));
  site = await serveOnLoopback((req) =>
    new URL(req.url).pathname.startsWith("/local/") ? inbox.fetch(req) : web(req),
  );
  browser = await startBrowser();
  await seedSubscribers(herald.ports, 1, ["world"], { prefix: "local-pages" });
  const title = `<script>alert(1)</script><img src=x onerror=alert(2)> "Budget" & more`;
  const res = await herald.app.request("/v1/webhooks/articles", signedWebhook(articleBody({ title })));
  expect(res.status).toBe(202);
  await herald.settled();
  [email] = (await sentEmails(herald.sesEndpoint)) as [StoredEmail];
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await herald?.stop();
});

describe.each([375, 1280])("at %i px", (width) => {
  it.each([
    ["API reference", () => "/docs"],
    ["local inbox", () => "/local/inbox"],
    ["email in the local inbox", () => `/local/inbox/${encodeURIComponent(email.messageId)}`],
  ])(
    "the %s page has no serious accessibility violation, fits the width and runs nothing",
    async (_, path) => {
      // Prepare: any dialog would be the hostile title's script running.
      const page = await browser.context.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.setViewportSize({ width, height: 800 });

      // Act
      await page.goto(`${site.url}${path()}`);

      // Assess
      expect(await seriousViolations(page)).toEqual([]);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      expect(dialogs).toEqual([]);
      await page.close();
    },
  );
});

it("shows the email's HTML part at phone width inside its frame, with the title as text", async () => {
  // Act
  const page = await browser.context.newPage();
  await page.goto(`${site.url}/local/inbox/${encodeURIComponent(email.messageId)}`);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  const box = await page.locator("iframe").boundingBox();

  // Assess
  expect(await frame?.locator("body").textContent()).toContain(
    '<script>alert(1)</script><img src=x onerror=alert(2)> "Budget"',
  );
  expect(box?.width).toBeLessThanOrEqual(377);
  await page.close();
});
