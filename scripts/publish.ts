import { readFileSync } from "node:fs";
import { signBody } from "../functions/domain/webhook-signature.js";

/**
 * Publishes an article to a running Herald the way a CMS does: signs the raw body with the webhook
 * secret and POSTs it. Each run gets a fresh version, so it makes a new edition; pass `--same` to
 * resend the same version (Herald answers 200 duplicate and sends nothing).
 *
 *   npx tsx scripts/publish.ts [article.json] [--same]
 */
const args = process.argv.slice(2);
const file =
  args.find((a) => !a.startsWith("--")) ?? new URL("sample-article.json", import.meta.url).pathname;
const api = process.env.HERALD_API ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const secret = process.env.HERALD_WEBHOOK_SECRET ?? "dev-webhook-secret";

const article = JSON.parse(readFileSync(file, "utf8"));
if (!args.includes("--same")) article.version = new Date().toISOString();
const raw = JSON.stringify(article);
const res = await fetch(`${api}/v1/webhooks/articles`, {
  method: "POST",
  headers: {
    "content-type": "application/json",
    "herald-signature": signBody(secret, raw, Math.floor(Date.now() / 1000)),
  },
  body: raw,
});
console.log(res.status, await res.text());
process.exitCode = res.ok ? 0 : 1;
