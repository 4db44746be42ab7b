import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { signBody } from "../functions/domain/webhook-signature.js";
import { readInstance } from "../functions/local/instance-file.js";

/**
 * Publishes an article to a running Herald the way a CMS does: signs the raw body with the webhook
 * secret and POSTs it. Each run gets a fresh version, so it makes a new edition; pass `--same` to
 * resend the same version (Herald answers 200 duplicate and sends nothing).
 *
 *   npx tsx scripts/publish.ts [article.json] [--same] [--api=http://127.0.0.1:3000]
 *
 * Where Herald is: `--api`, else `HERALD_API`, else `PORT`, else the instance `npm start` recorded
 * in its data folder (`HERALD_DATA_DIR`, `.herald` by default), else port 3000.
 */
const args = process.argv.slice(2);
const env = process.env;
const file =
  args.find((a) => !a.startsWith("--")) ?? new URL("sample-article.json", import.meta.url).pathname;
const api =
  args.find((a) => a.startsWith("--api="))?.slice("--api=".length) ??
  env.HERALD_API ??
  (env.PORT ? `http://127.0.0.1:${env.PORT}` : undefined) ??
  readInstance(resolve(env.HERALD_DATA_DIR ?? ".herald"))?.api ??
  "http://127.0.0.1:3000";
const secret = env.HERALD_WEBHOOK_SECRET ?? "dev-webhook-secret";

const article = JSON.parse(readFileSync(file, "utf8"));
if (!args.includes("--same")) article.version = new Date().toISOString();
const raw = JSON.stringify(article);
try {
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
} catch (error) {
  console.error(
    `No Herald answers at ${api} (${(error as Error).cause ?? error}). Start one with \`npm start\`, ` +
      "or say where it is with --api=<url>, HERALD_API or PORT.",
  );
  process.exitCode = 1;
}
