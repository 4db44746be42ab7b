import type { TestHerald } from "./herald.js";

let client = 0;

/** Signs in as the console does; each call from its own client address (sign-ins are rate-limited). */
export async function signIn(herald: Pick<TestHerald, "app">, key: string, origin = "http://localhost") {
  const res = await herald.app.request(`${origin}/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": `192.0.2.${++client % 250}` },
    body: JSON.stringify({ key }),
  });
  const setCookie = res.headers.get("set-cookie") ?? "";
  const body = (await res.json()) as { name: string; role: string; csrfToken: string; expiresAt: string };
  return { res, body, setCookie, cookie: setCookie.split(";")[0] ?? "" };
}

/** An admin request as the console makes it: the cookie, and the CSRF header when given one. */
export function withSession(cookie: string, csrfToken?: string): Record<string, string> {
  return { cookie, ...(csrfToken ? { "x-csrf-token": csrfToken } : {}) };
}
