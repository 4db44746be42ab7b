import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprintOf } from "../../functions/api/access/identify.js";
import { mountAdmin } from "../../functions/api/admin-routes.js";
import { signIn, withSession } from "../helpers/console-session.js";
import { adminHeaders } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";

let herald: TestHerald;
beforeAll(async () => {
  herald = await startHerald();
});
afterAll(() => herald.stop());

const ED = "ed_AAAAAAAAAAAAAAAAAAAAAA";
const KEYS = { viewer: "dev-viewer-key", editor: "dev-editor-key", admin: "dev-admin-key" };

/** [method, path, body, least role] over the app's own admin routes. */
const ROUTES: Array<[string, string, string | undefined, keyof typeof KEYS]> = [
  ["GET", "/v1/editions", undefined, "viewer"],
  ["GET", "/v1/subscribers/stats", undefined, "viewer"],
  ["GET", "/v1/social/accounts", undefined, "viewer"],
  ["POST", `/v1/editions/${ED}/resume`, undefined, "editor"],
  ["POST", `/v1/editions/${ED}/test`, '{"to":["desk@example.org"]}', "editor"],
  ["POST", "/v1/subscribers/import", "email\nroles@example.org\n", "admin"],
  ["DELETE", "/v1/subscribers/roles%40example.org", undefined, "admin"],
  ["DELETE", "/v1/suppressions/roles%40example.org", undefined, "admin"],
  ["GET", "/v1/subscribers/export", undefined, "admin"],
  ["GET", "/v1/audit", undefined, "admin"],
];
const RANK = { viewer: 0, editor: 1, admin: 2 };

const send = (
  app: Hono,
  method: string,
  path: string,
  body: string | undefined,
  headers: Record<string, string>,
) =>
  app.request(path, {
    method,
    headers: { "content-type": body?.startsWith("{") ? "application/json" : "text/csv", ...headers },
    body,
  });

describe("roles, enforced by the API", () => {
  for (const role of ["viewer", "editor", "admin"] as const) {
    it.each(ROUTES)(`${role} key: %s %s`, async (method, path, body, least) => {
      const res = await send(herald.app, method, path, body, adminHeaders(KEYS[role]));
      if (RANK[role] >= RANK[least]) expect(res.status).not.toBe(403);
      else {
        expect(res.status).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
      }
    });
  }

  it("refuses a viewer's change made by hand with a valid cookie and CSRF token", async () => {
    const { cookie, body } = await signIn(herald, KEYS.viewer);
    for (const [method, path, payload, least] of ROUTES.filter(([, , , r]) => r !== "viewer")) {
      const res = await send(herald.app, method, path, payload, withSession(cookie, body.csrfToken));
      expect([path, least, res.status]).toEqual([path, least, 403]);
    }
  });

  it("takes a session's role from its key, not from what the session item says", async () => {
    // A session item forged to say admin, for the viewer's key: the key decides.
    await herald.ports.sessions.put("forged-session-id-0123456789", {
      name: "viewer",
      role: "admin",
      keyFingerprint: fingerprintOf(KEYS.viewer),
      csrfToken: "forged-csrf",
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    });
    const res = await send(herald.app, "POST", "/v1/subscribers/import", "email\nx@example.org\n", {
      cookie: "herald_session=forged-session-id-0123456789",
      "x-csrf-token": "forged-csrf",
    });
    expect(res.status).toBe(403);
  });

  it("gives the editorial actions (pause, resume, cancel, approve, discard) to editors, not viewers", async () => {
    // Stand-ins for the edition and briefing actions, mounted as the app mounts its admin routes.
    const app = new Hono();
    mountAdmin(app, herald.ports, (admin) => {
      for (const action of ["pause", "resume", "cancel", "approve", "discard"])
        admin.post(`/v1/editions/:id/${action}`, (c) => c.json({ action }));
      for (const action of ["pause", "resume", "cancel"])
        admin.post(`/v1/briefings/:id/${action}`, (c) => c.json({ action }));
      admin.get("/v1/editions/:id/email", (c) => c.json({ html: "" }));
    });
    const viewer = await signIn(herald, KEYS.viewer);
    const editor = await signIn(herald, KEYS.editor);
    for (const path of [
      ...["pause", "resume", "cancel", "approve", "discard"].map((a) => `/v1/editions/${ED}/${a}`),
      ...["pause", "resume", "cancel"].map((a) => `/v1/briefings/br_20261206/${a}`),
    ]) {
      const asViewer = await send(
        app,
        "POST",
        path,
        undefined,
        withSession(viewer.cookie, viewer.body.csrfToken),
      );
      const asEditor = await send(
        app,
        "POST",
        path,
        undefined,
        withSession(editor.cookie, editor.body.csrfToken),
      );
      expect([path, asViewer.status, asEditor.status]).toEqual([path, 403, 200]);
    }
    const read = await app.request(`/v1/editions/${ED}/email`, { headers: withSession(viewer.cookie) });
    expect(read.status).toBe(200);
  });
});
