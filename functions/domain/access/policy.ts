import type { Role } from "./admin-keys.js";

/** One line of the access table: a method and a route pattern (`*` is one path segment, or any method). */
export interface AccessRule {
  method: string;
  path: string;
  role: Role;
}

/**
 * Who may call which admin route, first matching line wins. Routes are matched by their registered
 * pattern (`/v1/editions/:id/cancel`), never by the path a client sent, so a crafted path cannot
 * change the role it needs. What no line names needs `admin`: a new write is closed until listed.
 */
export const ACCESS_RULES: readonly AccessRule[] = [
  // Reading the whole list of addresses, or who did what, is an admin's.
  { method: "GET", path: "/v1/subscribers/export", role: "admin" },
  { method: "GET", path: "/v1/audit", role: "admin" },
  { method: "GET", path: "*", role: "viewer" },
  // Editorial work: test sends, approvals, pause, resume, cancel, discard; running a briefing.
  { method: "POST", path: "/v1/editions/:id/*", role: "editor" },
  { method: "POST", path: "/v1/briefings/run", role: "editor" },
  { method: "POST", path: "/v1/briefings/:id/*", role: "editor" },
  { method: "*", path: "*", role: "admin" },
];

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

function matches(rule: AccessRule, method: string, path: string): boolean {
  if (rule.method !== "*" && rule.method !== method.toUpperCase()) return false;
  if (rule.path === "*") return true;
  const want = rule.path.split("/");
  const got = path.split("/");
  return want.length === got.length && want.every((part, i) => part === "*" || part === got[i]);
}

/**
 * The least role a route needs.
 *
 * @example
 * requiredRole("POST", "/v1/editions/:id/cancel"); // "editor"
 * requiredRole("DELETE", "/v1/subscribers/:email"); // "admin"
 */
export function requiredRole(method: string, routePattern: string): Role {
  return ACCESS_RULES.find((r) => matches(r, method, routePattern))?.role ?? "admin";
}

/** Roles are ordered: each has every right of the ones below it. */
export function allows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
