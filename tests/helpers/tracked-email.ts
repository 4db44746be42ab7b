import { expect } from "vitest";
import type { TestHerald } from "./herald.js";
import { TEST_PUBLIC_URL } from "./herald.js";
import { sentEmails } from "./ses-store.js";

export const BROWSER_AGENT =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
/** What Apple Mail Privacy Protection's image fetches send. */
export const APPLE_PROXY_AGENT = "Mozilla/5.0";

/** The tracked links (in order, each once) and the pixel of the email an address received. */
export async function trackedEmail(herald: TestHerald, address: string) {
  const email = (await sentEmails(herald.sesEndpoint)).find((e) => e.destination.to.includes(address));
  if (!email) throw new Error(`${address} got no email`);
  const html = email.body.html ?? "";
  const links = [...new Set([...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1] as string))].filter((h) =>
    h.startsWith(`${TEST_PUBLIC_URL}/r/`),
  );
  const pixel = html.match(new RegExp(`src="(${TEST_PUBLIC_URL}/o/[^"]+)"`))?.[1];
  return { html, links, pixel };
}

/** Follows a tracked URL as a reader's browser (or a machine) would, from `ip`. */
export async function hit(
  herald: TestHerald,
  url: string,
  {
    method = "GET",
    agent = BROWSER_AGENT,
    ip = "203.0.113.10",
  }: { method?: string; agent?: string; ip?: string } = {},
) {
  const headers: Record<string, string> = { "x-forwarded-for": ip };
  if (agent) headers["user-agent"] = agent;
  return herald.app.request(url.replace(TEST_PUBLIC_URL, ""), { method, headers });
}

/** Follows a tracked link and returns where it sent the reader. */
export async function follow(herald: TestHerald, url: string, options?: Parameters<typeof hit>[2]) {
  const res = await hit(herald, url, options);
  expect(res.status).toBe(302);
  return res.headers.get("location") as string;
}
