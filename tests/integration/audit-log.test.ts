import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../functions/domain/access/audit-entry.js";
import { signIn, withSession } from "../helpers/console-session.js";
import { adminHeaders, csv } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";

let herald: TestHerald;
// Every reading of the clock is a second later: entries never share an instant, so "newest first" is exact.
let tick = 0;
beforeAll(async () => {
  herald = await startHerald({}, { now: () => new Date(Date.UTC(2026, 11, 6) + ++tick * 1000) });
});
afterAll(() => herald.stop());

const KEYS = ["dev-admin-key", "dev-editor-key", "dev-viewer-key"];
const admin = (method: string, path: string, body?: string) =>
  herald.app.request(path, { method, headers: { ...adminHeaders(), "content-type": "text/csv" }, body });

/** The whole log, page by page, through the API. */
async function wholeLog(limit = 2) {
  const items: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const res = await herald.app.request(
      `/v1/audit?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      { headers: adminHeaders() },
    );
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: AuditEntry[]; nextCursor?: string };
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Any address, but one whose local part is only stars past its first character: it reads like its own mask. */
const address = fc.emailAddress().filter((e) => !/^.?\*+@/.test(e));

describe("the audit log", () => {
  it("lists who did what on what, newest first, a page at a time; reads and failures are not in it", async () => {
    const editor = await signIn(herald, "dev-editor-key");
    await herald.app.request("/v1/editions/ed_AAAAAAAAAAAAAAAAAAAAAA/resume", {
      method: "POST",
      headers: withSession(editor.cookie, editor.body.csrfToken),
    }); // 404: nothing happened, nothing to record
    await herald.app.request("/v1/editions", { headers: withSession(editor.cookie) });
    expect((await admin("POST", "/v1/subscribers/import", csv([["Audit.Me@Example.org"]]))).status).toBe(200);
    expect((await admin("DELETE", "/v1/subscribers/audit.me%40example.org")).status).toBe(200);
    expect((await admin("DELETE", "/v1/suppressions/audit.me%40example.org")).status).toBe(200);
    await herald.app.request("/v1/session", {
      method: "DELETE",
      headers: withSession(editor.cookie, editor.body.csrfToken),
    });

    const log = await wholeLog(2);
    expect(log.map((e) => [e.actor, e.role, e.action, e.target])).toEqual([
      ["editor", "editor", "session.delete", undefined],
      ["admin", "admin", "suppression.lift", "a***@example.org"],
      ["admin", "admin", "subscriber.erase", "a***@example.org"],
      ["admin", "admin", "subscriber.import", undefined],
      ["editor", "editor", "session.create", undefined],
    ]);
    const times = log.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("is for admins only, and refuses a cursor it did not hand out", async () => {
    const asEditor = await herald.app.request("/v1/audit", { headers: adminHeaders("dev-editor-key") });
    expect(asEditor.status).toBe(403);
    const bad = await herald.app.request("/v1/audit?cursor=bm90LWEtY3Vyc29y", { headers: adminHeaders() });
    expect(bad.status).toBe(400);
  });

  it("never holds an address in clear, nor a key, whatever the addresses", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(address, { minLength: 1, maxLength: 4 }), async (emails) => {
        await admin("POST", "/v1/subscribers/import", csv(emails.map((e) => [e])));
        for (const email of emails) {
          await admin("DELETE", `/v1/subscribers/${encodeURIComponent(email)}`);
          await admin("DELETE", `/v1/suppressions/${encodeURIComponent(email)}`);
        }
        const text = JSON.stringify(await wholeLog(100)).toLowerCase();
        for (const email of emails) expect(text).not.toContain(email.toLowerCase());
        for (const key of KEYS) expect(text).not.toContain(key);
      }),
      { numRuns: 15 },
    );
  });
});
