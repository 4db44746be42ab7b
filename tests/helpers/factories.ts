import { signBody } from "../../functions/domain/webhook-signature.js";

/** A valid webhook article; override what a test is about. */
export function articleBody(overrides: Record<string, unknown> = {}) {
  return {
    id: "wp-18734",
    url: "https://news.example/us-europe-ukraine",
    title: "US Seeks European Input on Ukraine Security Guarantees",
    summary: "The U.S. asks European allies what they need to provide security guarantees for Ukraine.",
    bodyHtml: "<p>MUNICH — The United States has reached out to its European allies.</p>",
    author: "Oshadhi Gimesha",
    imageUrl: "https://news.example/a.jpg",
    topics: ["world", "politics"],
    publishedAt: "2025-02-15T09:00:00Z",
    ...overrides,
  };
}

/** A signed webhook request, as a CMS sends it. */
export function signedWebhook(
  body: unknown,
  secret = "dev-webhook-secret",
  at = Math.floor(Date.now() / 1000),
) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return {
    method: "POST",
    body: raw,
    headers: { "content-type": "application/json", "herald-signature": signBody(secret, raw, at) },
  };
}

export const adminHeaders = (key = "dev-admin-key") => ({ authorization: `Bearer ${key}` });

/** An import file with `count` subscribers spread over topics. */
export function csv(rows: Array<[string, string?, string?, string?]>): string {
  return ["email,name,topics,cadence", ...rows.map((r) => r.map((f) => f ?? "").join(","))].join("\n");
}
