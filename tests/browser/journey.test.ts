import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { type StoredEmail, sentEmails } from "../helpers/ses-store.js";
import { startBrowser } from "./helpers/browser.js";
import { serveConsole } from "./helpers/console-server.js";
import { sendGate } from "./helpers/send-gate.js";

/**
 * An editor's day in a real Chromium against the local runtime (DynamoDB Local, the SES stand-in):
 * each step is one `it`, in order, on one signed-in page.
 */
const KEY = { name: "desk-chief", role: "admin" as const, key: "journey-key-3f9c1d" };
const gate = sendGate();
let herald: TestHerald;
let server: Awaited<ReturnType<typeof serveConsole>>;
let browser: Awaited<ReturnType<typeof startBrowser>>;
let page: Page;
const ids: Record<string, string> = {};
/** `expect.poll` with room for two shared cores (its own default is one second). */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 60_000, interval: 200 });

/** 60 readers of world, 240 of politics, one hostile name, and two rows the importer must refuse. */
function importFile(): string {
  const rows = ["email,name,topics,cadence"];
  for (let i = 0; i < 60; i++) rows.push(`world${i}@example.org,World ${i},world,instant`);
  for (let i = 0; i < 240; i++) rows.push(`pol${i}@example.org,Pol ${i},politics,instant`);
  rows.push("not-an-address,Nobody,world,instant");
  rows.push("nosy@example.org,Nosy,astrology,instant");
  return `${rows.join("\n")}\n`;
}

const ofSubject = (emails: StoredEmail[], subject: string) => emails.filter((e) => e.subject === subject);

async function publish(body: Record<string, unknown>): Promise<string> {
  const res = await herald.app.request("/v1/webhooks/articles", signedWebhook(body));
  expect(res.status).toBe(202);
  return ((await res.json()) as { editionId: string }).editionId;
}

async function edition(id: string) {
  const res = await herald.app.request(`/v1/editions/${id}`, { headers: adminHeaders() });
  return (await res.json()) as {
    status: string;
    counts: {
      [k: string]: number;
      planned: number;
      sent: number;
      failed: number;
      skipped: number;
      unknown: number;
    };
  };
}

const progressOf = (p: Page, id: string) =>
  p.locator(`tr[data-edition="${id}"] progress`).evaluate((el) => (el as unknown as { value: number }).value);

beforeAll(async () => {
  herald = await startHerald(
    {},
    {
      sendConcurrency: 1,
      // A job held at the gate stays with its worker (the harness's 50 ms would hand it to another);
      // a duplicate that finds its chunk leased comes back this much later, which must stay well
      // inside the test's time (300 s made a duplicate after resume outlast it).
      queue: { visibilityTimeoutMs: 10_000 },
      wrapPorts: (ports) =>
        gate.wrap({
          ...ports,
          secrets: { ...ports.secrets, adminKeys: [...(ports.secrets.adminKeys ?? []), KEY] },
        }),
    },
  );
  server = await serveConsole(herald);
  browser = await startBrowser();
  page = await browser.context.newPage();
  // Two cores shared with other suites: waits are generous, nothing here measures time.
  page.setDefaultTimeout(120_000);
}, 120_000);

// A step that failed half-way must not leave later steps' sends held.
afterEach(() => gate.open());

afterAll(async () => {
  gate.open();
  await browser?.close();
  await server?.stop();
  await herald?.stop();
});

describe("the newsroom console, end to end in Chromium", { timeout: 120_000 }, () => {
  it("sends an editor without a session to sign-in, and signs in with a named key", async () => {
    await page.goto(`${server.url}/console/subscribers`);
    await page.waitForURL(/\/console\/sign-in\?next=%2Fconsole%2Fsubscribers/);
    await page.fill("#key", "wrong-key");
    await page.click("button[type=submit]");
    await eventually(() => page.textContent("#sign-in-error")).toContain("not accepted");
    await page.fill("#key", KEY.key);
    await page.click("button[type=submit]");
    await page.waitForURL(`${server.url}/console/subscribers`);
    await eventually(() => page.textContent("#who")).toBe("desk-chief (admin)");
    const cookies = await browser.context.cookies();
    expect(cookies.find((c) => c.name === "herald_session")?.httpOnly).toBe(true);
  });

  it("uploads a CSV and shows imported and rejected rows with reasons", async () => {
    await page.setInputFiles("#csv-file", {
      name: "readers.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(importFile()),
    });
    await page.click("form.import button[type=submit]");
    await page.waitForSelector('[data-import="imported"]');
    expect(await page.textContent('[data-import="imported"]')).toBe("300");
    expect(await page.textContent('[data-import="rejected"]')).toBe("2");
    const reasons = await page.locator("#import-summary table tbody tr").allTextContents();
    expect(reasons).toHaveLength(2);
    expect(
      await page.locator("#import-progress").evaluate((el) => (el as unknown as { value: number }).value),
    ).toBe(100);
  });

  it("shows a published edition's progress moving without a reload, to 100 % and the stand-in's count", async () => {
    await page.goto(`${server.url}/console/editions`);
    await page.evaluate(() => Object.assign(globalThis, { noReload: true }));
    gate.allow(1); // the first chunk goes out, the others wait
    ids.first = await publish(
      articleBody({ id: "journey-1", title: "Floods close the coast road", topics: ["world"] }),
    );
    await eventually(() => gate.held > 0).toBe(true);
    await eventually(async () => {
      const v = await progressOf(page, ids.first as string);
      return v > 0 && v < 100;
    }).toBe(true);
    // Held mid-send: the bar shows what the API counts, which is what reached the stand-in.
    const { counts } = await edition(ids.first as string);
    expect(counts.sent).toBe((await sentEmails(herald.sesEndpoint)).length);
    await eventually(() => progressOf(page, ids.first as string)).toBe(
      Math.floor((counts.sent / counts.planned) * 100),
    );
    gate.open();
    await eventually(() => progressOf(page, ids.first as string)).toBe(100);
    expect(await page.evaluate(() => (globalThis as { noReload?: boolean }).noReload)).toBe(true);
    await herald.settled();
    const delivered = ofSubject(await sentEmails(herald.sesEndpoint), "Floods close the coast road");
    expect(delivered).toHaveLength(60);

    await page.click(`tr[data-edition="${ids.first}"] a`);
    await page.waitForSelector('[data-count="sent"]');
    expect(await page.textContent('[data-count="sent"]')).toBe(String(delivered.length));
    expect(await page.textContent('[data-count="planned"]')).toBe("60");
  });

  it("previews the email at 375 px with its subject, preheader and plain text", async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.waitForSelector("iframe.email-frame");
    await page.click('button[data-width="375"]');
    expect(await page.getAttribute("iframe.email-frame", "width")).toBe("375");
    expect(await page.getAttribute("iframe.email-frame", "sandbox")).toBe("");
    expect(await page.textContent("#email-subject")).toBe("Floods close the coast road");
    const frame = page.frameLocator("iframe.email-frame");
    await eventually(() => frame.locator("body").textContent()).toContain("Floods close the coast road");
    expect(await page.locator("#email-text").textContent()).toContain("Floods close the coast road");
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("sends a test to the editor", async () => {
    await page.fill("#test-to", "desk@newsroom.example");
    await page.click("form.test-send button[type=submit]");
    await eventually(() => page.locator("form.test-send .notice").textContent()).toContain("Test sent");
    const mine = (await sentEmails(herald.sesEndpoint)).filter((e) =>
      e.destination.to.includes("desk@newsroom.example"),
    );
    expect(mine).toHaveLength(1);
  });

  it("pauses and resumes a larger edition mid-send, then cancels it: nothing reaches SES after the cancel", async () => {
    const subject = "Parliament sits through the night";
    gate.allow(1);
    ids.second = await publish(articleBody({ id: "journey-2", title: subject, topics: ["politics"] }));
    await page.goto(`${server.url}/console/editions/${ids.second}`);
    await eventually(() => gate.held > 0).toBe(true);

    await page.getByRole("button", { name: "Pause" }).click();
    await eventually(() => page.textContent(".status-line .badge")).toBe("paused");
    gate.refuseHeld(); // the held chunk comes back to the worker, which finds the edition paused
    await page.getByRole("button", { name: "Resume" }).click();
    await eventually(() => page.textContent(".status-line .badge")).toMatch(/sending|queued/);
    gate.allow(1);
    await eventually(() => gate.held > 0).toBe(true);
    const before = ofSubject(await sentEmails(herald.sesEndpoint), subject).length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(240);

    await page.getByRole("button", { name: "Cancel sending" }).click();
    const dialog = page.getByRole("dialog");
    await eventually(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole("button", { name: "Cancel the edition" }).click();
    await eventually(() => page.textContent(".status-line .badge")).toBe("cancelled");
    gate.refuseHeld();
    gate.open();
    await herald.settled();

    expect(ofSubject(await sentEmails(herald.sesEndpoint), subject)).toHaveLength(before);
    const { counts, status } = await edition(ids.second as string);
    expect(status).toBe("cancelled");
    expect(counts.sent).toBe(before);
    expect(counts.sent + (counts.cancelled ?? 0) + counts.failed + counts.skipped + counts.unknown).toBe(
      counts.planned,
    );
    await page.reload();
    await page.waitForSelector('[data-count="cancelled"]');
    expect(await page.textContent('[data-count="cancelled"]')).toBe(String(counts.cancelled));
  });

  it("approves a held edition with a send time, and it goes out when due", async () => {
    const subject = "Embargoed: the budget in full";
    ids.held = await publish(
      articleBody({ id: "journey-3", title: subject, topics: ["world"], review: true }),
    );
    await eventually(async () => (await edition(ids.held as string)).status).toBe("held");
    await page.goto(`${server.url}/console/editions/${ids.held}`);
    await page.waitForSelector("#send-at");
    const due = Date.now() + 4_000;
    // The input takes the browser's local time: let the page write it from the instant.
    const local = await page.evaluate((at) => {
      const d = new Date(at);
      const p = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    }, due);
    await page.fill("#send-at", local);
    await page.click("form.approve button[type=submit]");
    await eventually(() => page.textContent(".status-line .badge")).toBe("scheduled");
    expect(ofSubject(await sentEmails(herald.sesEndpoint), subject)).toHaveLength(0);
    await eventually(async () => ofSubject(await sentEmails(herald.sesEndpoint), subject).length).toBe(60);
    const first = Math.min(...ofSubject(await sentEmails(herald.sesEndpoint), subject).map((e) => e.at));
    // The stand-in stamps whole seconds.
    expect(first).toBeGreaterThanOrEqual(Math.floor(due / 1000) - 1);
  });

  it("lists every step in the audit log under the key's name", async () => {
    await page.goto(`${server.url}/console/audit`);
    await page.waitForSelector("#audit tbody tr");
    const rows = await page
      .locator("#audit tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) =>
          Array.from(
            (
              tr as unknown as { querySelectorAll(s: string): Iterable<{ textContent: string | null }> }
            ).querySelectorAll("td"),
          ).map((td) => td.textContent ?? ""),
        ),
      );
    const mine = rows.filter((r) => r[1] === "desk-chief").map((r) => `${r[3]} ${r[4]}`);
    for (const step of [
      "session.create",
      "subscriber.import",
      `edition.test ${ids.first}`,
      `edition.pause ${ids.second}`,
      `edition.resume ${ids.second}`,
      `edition.cancel ${ids.second}`,
      `edition.approve ${ids.held}`,
    ]) {
      expect(
        mine.some((m) => m.trim().startsWith(step)),
        step,
      ).toBe(true);
    }
  });

  it("signs out, after which every console URL leads to sign-in", async () => {
    await page.goto(`${server.url}/console/editions`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/console\/sign-in/);
    for (const path of [
      "/console",
      "/console/editions",
      `/console/editions/${ids.first}`,
      "/console/briefings",
      "/console/briefings/br_20260101",
      "/console/subscribers",
      "/console/social",
      "/console/audit",
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.waitForURL(/\/console\/sign-in/);
      // The URL changes before the sign-in form is drawn: wait for it (for a while), then assert.
      await page
        .locator("#key")
        .waitFor({ state: "visible", timeout: 30_000 })
        .catch(() => undefined);
      expect(await page.locator("#key").isVisible()).toBe(true);
    }
    const after = await fetch(`${server.url}/v1/session`, {
      headers: { cookie: (await browser.context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ") },
    });
    expect(after.status).toBe(401);
  });
});
