import { adminHeaders, csv } from "./factories.js";
import type { TestHerald } from "./herald.js";
import { type StoredEmail, sentEmails } from "./ses-store.js";

let client = 0;

/** A sign-up as a browser or an app sends it; each call comes from its own client address. */
export function subscribeRequest(
  herald: TestHerald,
  body: Record<string, unknown>,
  ip = `198.51.100.${++client % 250}`,
) {
  return herald.app.request("/v1/subscribers", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip, "user-agent": "HeraldTest/1.0" },
    body: JSON.stringify(body),
  });
}

/** The emails the stand-in holds for one address. */
export async function inbox(herald: TestHerald, address: string): Promise<StoredEmail[]> {
  return (await sentEmails(herald.sesEndpoint)).filter((e) => e.destination.to.includes(address));
}

/** The first link in an email's text part that starts with `prefix`. */
export function linkIn(email: StoredEmail | undefined, prefix: string): URL {
  const match = (email?.body.text ?? "").match(new RegExp(`${prefix.replace(/[.?]/g, "\\$&")}[^\\s)>\\]]+`));
  if (!match) throw new Error(`no ${prefix} link in the email`);
  return new URL(match[0]);
}

export const pathOf = (url: URL) => `${url.pathname}${url.search}`;

/** Imports subscribers through the admin CSV endpoint (they become active); returns the report. */
export async function importRows(herald: TestHerald, rows: Array<[string, string?, string?, string?]>) {
  const res = await herald.app.request("/v1/subscribers/import", {
    method: "POST",
    headers: { ...adminHeaders(), "content-type": "text/csv" },
    body: csv(rows),
  });
  return (await res.json()) as {
    imported: number;
    skipped: number;
    errors: Array<{ line: number; message: string }>;
  };
}
