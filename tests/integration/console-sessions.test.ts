import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGN_INS_PER_MINUTE } from "../../functions/api/routes/session.js";
import { signIn, withSession } from "../helpers/console-session.js";
import { adminHeaders } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";

let herald: TestHerald;
let skewMs = 0;
beforeAll(async () => {
  herald = await startHerald({}, { now: () => new Date(Date.now() + skewMs) });
});
afterAll(() => herald.stop());

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
const csvImport = (headers: Record<string, string>) =>
  herald.app.request("/v1/subscribers/import", {
    method: "POST",
    headers: { "content-type": "text/csv", ...headers },
    body: "email\nsession-import@example.org\n",
  });

describe("console sign-in", () => {
  it("trades a key for a session: name, role, CSRF token, expiry; the cookie works on admin routes", async () => {
    const { res, body, cookie } = await signIn(herald, "dev-editor-key");
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ name: "editor", role: "editor", csrfToken: expect.any(String) });
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(7 * 3600_000);
    expect(cookie).toMatch(/^herald_session=[\w-]{40,}$/);
    const me = await herald.app.request("/v1/session", { headers: withSession(cookie) });
    expect(await me.json()).toEqual(body);
    expect((await herald.app.request("/v1/editions", { headers: withSession(cookie) })).status).toBe(200);
  });

  it("sets the cookie HttpOnly, SameSite=Strict, Path=/, with Max-Age; Secure over HTTPS only", async () => {
    const plain = await signIn(herald, "dev-viewer-key", "http://127.0.0.1:3000");
    const flags = plain.setCookie.split(/;\s*/).slice(1);
    expect(flags).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=28800"]));
    expect(flags).not.toContain("Secure");
    const secure = await signIn(herald, "dev-viewer-key", "https://news.example.test");
    expect(secure.setCookie.split(/;\s*/)).toContain("Secure");
  });

  it("refuses a wrong key with 401, and a client that keeps guessing with 429", async () => {
    const guess = () =>
      herald.app.request("/v1/session", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.99" },
        body: JSON.stringify({ key: "dev-admin-kez" }),
      });
    const first = await guess();
    expect(first.status).toBe(401);
    expect(first.headers.get("set-cookie")).toBeNull();
    for (let i = 1; i < SIGN_INS_PER_MINUTE; i++) await guess();
    const limited = await guess();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("refuses a change without the session's CSRF token, or with another one (403 csrf_failed)", async () => {
    const admin = await signIn(herald, "dev-admin-key");
    const other = await signIn(herald, "dev-admin-key");
    const missing = await csvImport(withSession(admin.cookie));
    expect([missing.status, await errorCode(missing)]).toEqual([403, "csrf_failed"]);
    const wrong = await csvImport(withSession(admin.cookie, other.body.csrfToken));
    expect([wrong.status, await errorCode(wrong)]).toEqual([403, "csrf_failed"]);
    const right = await csvImport(withSession(admin.cookie, admin.body.csrfToken));
    expect(right.status).toBe(200);
    // A key needs no CSRF token: no browser sends it on its own.
    expect((await csvImport(adminHeaders())).status).toBe(200);
  });

  it("signs out: CSRF required, cookie cleared, the session deleted on the server", async () => {
    const { cookie, body } = await signIn(herald, "dev-viewer-key");
    const noToken = await herald.app.request("/v1/session", {
      method: "DELETE",
      headers: withSession(cookie),
    });
    expect([noToken.status, await errorCode(noToken)]).toEqual([403, "csrf_failed"]);
    const out = await herald.app.request("/v1/session", {
      method: "DELETE",
      headers: withSession(cookie, body.csrfToken),
    });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/^herald_session=;.*Max-Age=0/);
    // The old cookie, replayed, is worth nothing.
    expect((await herald.app.request("/v1/session", { headers: withSession(cookie) })).status).toBe(401);
    expect((await herald.app.request("/v1/editions", { headers: withSession(cookie) })).status).toBe(401);
  });

  it("refuses an expired session, although its item may outlive it (TTL deletes late)", async () => {
    const { cookie } = await signIn(herald, "dev-admin-key");
    skewMs = 8 * 3600_000 + 1000;
    try {
      expect((await herald.app.request("/v1/session", { headers: withSession(cookie) })).status).toBe(401);
      expect((await herald.app.request("/v1/editions", { headers: withSession(cookie) })).status).toBe(401);
    } finally {
      skewMs = 0;
    }
  });

  it("ends a session when its key is removed from the configuration", async () => {
    const { cookie } = await signIn(herald, "dev-editor-key");
    const before = herald.ports.secrets;
    herald.ports.secrets = { ...before, adminKeys: before.adminKeys?.filter((k) => k.name !== "editor") };
    try {
      expect((await herald.app.request("/v1/editions", { headers: withSession(cookie) })).status).toBe(401);
    } finally {
      herald.ports.secrets = before;
    }
  });

  it("does not fall back to the cookie when a wrong key is presented", async () => {
    const { cookie } = await signIn(herald, "dev-admin-key");
    const res = await herald.app.request("/v1/editions", {
      headers: { ...withSession(cookie), authorization: "Bearer wrong" },
    });
    expect(res.status).toBe(401);
  });
});
