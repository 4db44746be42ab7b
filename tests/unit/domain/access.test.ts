import { describe, expect, it } from "vitest";
import { secretsFromEnv } from "../../../functions/adapters/env-secrets.js";
import { adminKeysOf, parseAdminKeys } from "../../../functions/domain/access/admin-keys.js";
import { auditAction, maskEmail } from "../../../functions/domain/access/audit-entry.js";
import { requiredRole } from "../../../functions/domain/access/policy.js";

describe("the access table", () => {
  it.each([
    ["GET", "/v1/editions", "viewer"],
    ["GET", "/v1/editions/:id/email", "viewer"],
    ["GET", "/v1/subscribers/stats", "viewer"],
    ["GET", "/v1/subscribers/export", "admin"],
    ["GET", "/v1/audit", "admin"],
    ["POST", "/v1/editions/:id/pause", "editor"],
    ["POST", "/v1/editions/:id/approve", "editor"],
    ["POST", "/v1/editions/:id/discard", "editor"],
    ["POST", "/v1/editions/:id/test", "editor"],
    ["POST", "/v1/briefings/run", "editor"],
    ["POST", "/v1/briefings/:id/cancel", "editor"],
    ["POST", "/v1/subscribers/import", "admin"],
    ["DELETE", "/v1/subscribers/:email", "admin"],
    ["DELETE", "/v1/suppressions/:email", "admin"],
    ["PUT", "/v1/social/accounts/:id", "admin"],
    ["POST", "/v1/editions", "admin"],
  ])("%s %s needs %s", (method, path, role) => {
    expect(requiredRole(method, path)).toBe(role);
  });
});

describe("admin keys", () => {
  it("keeps the single admin key working, as a key named admin with every right", () => {
    expect(adminKeysOf({ adminKey: "k".repeat(20) })).toEqual([
      { name: "admin", role: "admin", key: "k".repeat(20) },
    ]);
  });

  it("reads HERALD_ADMIN_KEYS as name:role:key (the key may hold colons), and refuses anything else", () => {
    expect(parseAdminKeys("desk:editor:a:b, intern:viewer:c")).toEqual([
      { name: "desk", role: "editor", key: "a:b" },
      { name: "intern", role: "viewer", key: "c" },
    ]);
    expect(() => parseAdminKeys("desk:owner:x")).toThrow(/HERALD_ADMIN_KEYS/);
    expect(() => parseAdminKeys("desk:editor:")).toThrow(/HERALD_ADMIN_KEYS/);
  });

  it("refuses two keys with one name, or one key under two names (the audit log must say who)", () => {
    expect(() => adminKeysOf(secretsFromEnv({ HERALD_ADMIN_KEYS: "admin:viewer:other" }))).toThrow(
      /same name/,
    );
    expect(() =>
      adminKeysOf({ adminKey: "same", adminKeys: [{ name: "b", role: "viewer", key: "same" }] }),
    ).toThrow(/twice/);
  });
});

describe("audit entries", () => {
  it.each([
    ["POST", "/v1/editions/:id/cancel", "edition.cancel"],
    ["POST", "/v1/briefings/run", "briefing.run"],
    ["POST", "/v1/subscribers/import", "subscriber.import"],
    ["DELETE", "/v1/subscribers/:email", "subscriber.erase"],
    ["DELETE", "/v1/suppressions/:email", "suppression.lift"],
  ])("%s %s is %s", (method, path, action) => {
    expect(auditAction(method, path)).toBe(action);
  });

  it("masks addresses, a one-letter local part entirely", () => {
    expect(maskEmail("jane.doe@example.com")).toBe("j***@example.com");
    expect(maskEmail("j@example.com")).toBe("***@example.com");
  });
});
