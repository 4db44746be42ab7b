import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app.js";
import { openApiDocument } from "../../functions/api/openapi/document.js";
import { trackingApp } from "../../functions/api/tracking-app.js";
import { adminHeaders } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";

/**
 * Walks every operation of the OpenAPI contract against the app: an admin operation answers 401
 * without a key or session, and something else with one; a public operation answers the same with or
 * without an admin key (its own checks, signatures or tokens, are all that apply). And every route
 * the app serves is in the contract, so a route cannot dodge the walk by being left out of it.
 */
let herald: TestHerald;
beforeAll(async () => {
  herald = await startHerald();
});
afterAll(() => herald.stop());

const SAMPLE: Record<string, string> = {
  id: "ed_AAAAAAAAAAAAAAAAAAAAAA",
  editionId: "ed_AAAAAAAAAAAAAAAAAAAAAA",
  email: "walker@example.org",
  network: "x",
};
const concrete = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(SAMPLE[name] ?? "x"));

interface Op {
  security?: unknown[];
}
const operations = Object.entries(openApiDocument().paths).flatMap(([path, ops]) =>
  Object.entries(ops as Record<string, Op>).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    guarded: Boolean(op.security),
    keyed: Boolean(op.security?.some((s) => Object.hasOwn(s as object, "adminKey"))),
  })),
);
const call = (method: string, path: string, headers: Record<string, string> = {}) =>
  herald.app.request(concrete(path), {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(method === "GET" ? {} : { body: "{}" }),
  });

describe("every operation of the contract, walked", () => {
  it("covers the admin and the public side", () => {
    expect(operations.filter((o) => o.guarded).length).toBeGreaterThan(10);
    expect(operations.filter((o) => !o.guarded).length).toBeGreaterThan(10);
  });

  it.each(operations.filter((o) => o.guarded))(
    "$method $path answers 401 without a key or session",
    async (op) => {
      const res = await call(op.method, op.path);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
      const wrong = await call(op.method, op.path, { authorization: "Bearer not-a-key" });
      expect(wrong.status).toBe(401);
    },
  );

  it.each(operations.filter((o) => o.keyed))("$method $path lets the admin key through", async (op) => {
    expect((await call(op.method, op.path, adminHeaders())).status).not.toBe(401);
  });

  it.each(operations.filter((o) => !o.guarded))("$method $path needs no admin key", async (op) => {
    const without = await call(op.method, op.path);
    const withKey = await call(op.method, op.path, adminHeaders());
    expect(without.status).toBe(withKey.status);
    expect(await without.text()).not.toContain("admin key");
  });

  it("finds every route the app serves in the contract", () => {
    const documented = new Set(operations.map((o) => `${o.method} ${o.path}`));
    // The API's routes and the tracking function's (herald.app routes between them by path).
    const served = [...createApp(herald.ports).routes, ...trackingApp(herald.ports, herald.stats).routes]
      .filter((r) => r.method !== "ALL" && !["/docs", "/openapi.json", "/health"].includes(r.path))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect([...new Set(served)].filter((r) => !documented.has(r))).toEqual([]);
  });
});
