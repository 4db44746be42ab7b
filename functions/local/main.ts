import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { serve } from "@hono/node-server";
import { configFromEnv } from "../adapters/env-config.js";
import { DEV_SECRETS, secretsFromEnv } from "../adapters/env-secrets.js";
import { httpImageFetcher } from "../adapters/images/http-image-fetcher.js";
import { consoleApp, withConsole } from "../console/app.js";
import { buildConsoleAssets } from "../console/build.js";
import { adminKeysOf } from "../domain/access/admin-keys.js";
import { recoverWork } from "../flows/recover-work.js";
import { mjmlRenderers } from "../render/renderers.js";
import { renderEditionCard } from "../render/social/edition-card.js";
import { afterLeases } from "./after-leases.js";
import { ensureTables, LOCAL_CREDENTIALS, startDynamoLocal } from "./dynamodb-local.js";
import { localInboxRoutes } from "./inbox/inbox-routes.js";
import { writeInstance } from "./instance-file.js";
import { localApp } from "./local-app.js";
import { assertPortFree } from "./port-check.js";
import { localRuntime } from "./runtime.js";
import { startSesLocal } from "./ses-local.js";

/**
 * `npm start`: Herald on a laptop. DynamoDB Local (persisted under the data folder), the SES
 * stand-in with its inbox, in-memory queues and the API, all stopped by Ctrl-C.
 */
async function main() {
  const env = process.env;
  // This machine runs Node 20 by design; Lambda runs 22+. The SDK's reminder is noise here.
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const port = Number(env.PORT ?? 3000);
  const sesPort = Number(env.HERALD_SES_PORT ?? 8005);
  const dynamoPort = Number(env.HERALD_DYNAMODB_PORT ?? 8000);
  const dataDir = resolve(env.HERALD_DATA_DIR ?? ".herald");
  await assertPortFree(port, "the API", "PORT");
  await assertPortFree(sesPort, "the SES stand-in", "HERALD_SES_PORT");
  await assertPortFree(dynamoPort, "DynamoDB Local", "HERALD_DYNAMODB_PORT");

  const config = configFromEnv(env);
  const secrets = secretsFromEnv(env);
  // Checked before anything starts: two keys with one name would make the audit log ambiguous.
  const adminKeys = adminKeysOf(secrets);
  const log = new Logger({ serviceName: "herald", logLevel: (env.LOG_LEVEL ?? "INFO") as "INFO" });
  mkdirSync(resolve(dataDir, "dynamodb"), { recursive: true });

  const stops: Array<() => unknown> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  process.once("SIGINT", () => void stopAll().then(() => process.exit(0)));
  process.once("SIGTERM", () => void stopAll().then(() => process.exit(0)));
  try {
    const dynamo = await startDynamoLocal(dynamoPort, resolve(dataDir, "dynamodb"));
    stops.push(dynamo.stop);
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: "local",
      credentials: LOCAL_CREDENTIALS,
    });
    await ensureTables(client, config);
    client.destroy();
    // The inbox is kept beside the table: a send that crosses a restart shows every email it sent.
    const ses = await startSesLocal(sesPort, { inboxDir: resolve(dataDir, "ses") });
    stops.push(ses.stop);
    const runtime = localRuntime({
      config,
      secrets,
      dynamoEndpoint: dynamo.endpoint,
      sesEndpoint: ses.endpoint,
      log,
      renderers: {
        ...mjmlRenderers,
        card: { render: renderEditionCard, images: httpImageFetcher({ allowPrivateHosts: true }) },
      },
      briefingTimer: true,
      engagementTimer: true,
      rearmSchedules: true,
      // As on AWS: recipients per second per send worker, so an editor can watch a paced send move.
      sendRatePerWorker: Number(env.HERALD_SEND_RATE_PER_WORKER) || undefined,
      social: { settings: env, outboxDir: resolve(dataDir, "outbox") },
      recoveryIntervalMs: Number(env.HERALD_RECOVERY_INTERVAL_SECONDS ?? 60) * 1000,
    });
    stops.push(runtime.stop);
    // The queues lived in the process that stopped: whatever it left unfinished is queued again
    // before the API answers; chunks the dead process still leased are queued when their lease ends.
    const recovered = await recoverWork(runtime.ports, { olderThanSeconds: 0 });
    afterLeases(
      runtime.ports,
      recovered.fanOuts.filter((f) => f.leased > 0).map((f) => f.id),
      log,
    );
    const networks = (list: string[]) => (list.length ? list.join(", ") : "none");
    // The newsroom console (and the API reference) on the API's port, built at start (esbuild, well
    // under a second); the local inbox view shares the port but is no part of the API (never deployed).
    const api = withConsole(localApp(runtime).fetch, consoleApp(await buildConsoleAssets()));
    const inbox = localInboxRoutes();
    const server = serve({
      fetch: (req, env) =>
        new URL(req.url).pathname.startsWith("/local/") ? inbox.fetch(req, env) : api(req, env),
      port,
      hostname: "127.0.0.1",
    });
    stops.push(() => new Promise((r) => server.close(r)));
    // Tools in another shell (scripts/publish.ts) find this instance here, without PORT exported.
    stops.push(writeInstance(dataDir, { api: `http://127.0.0.1:${port}`, pid: process.pid }));
    const dev = (value: string, fallback: string) =>
      value === fallback ? `${value}  (development default)` : "(from the environment)";
    const devKeys = [DEV_SECRETS.admin, ...DEV_SECRETS.adminKeys.split(",").map((k) => k.split(":")[2])];
    const keys = adminKeys
      .map(
        (k) =>
          `${k.name} (${k.role}): ${devKeys.includes(k.key) ? dev(k.key, k.key) : "(from the environment)"}`,
      )
      .join("\n                 ");
    console.log(`
Herald is running.
  API            http://127.0.0.1:${port}        reference: http://127.0.0.1:${port}/docs
  Console        http://127.0.0.1:${port}/console   (sign in with the admin key)
  Inbox          http://127.0.0.1:${port}/local/inbox   (headers, both parts, raw; kept in ${resolve(dataDir, "ses")})
  SES stand-in   ${ses.endpoint}/
  DynamoDB Local ${dynamo.endpoint}   data: ${dataDir}
  Public URL     ${config.publicUrl}
  Topics         ${config.topics.join(", ")}
  Review         ${config.review.length ? config.review.join(", ") : "off"}  (HERALD_REVIEW)
  Send rate      ${env.HERALD_SEND_RATE_PER_WORKER ? `${env.HERALD_SEND_RATE_PER_WORKER}/s per worker` : "unpaced"}  (HERALD_SEND_RATE_PER_WORKER)
  Briefing       daily at ${String(config.briefing.hour).padStart(2, "0")}:00 ${config.briefing.timeZone}; run one now: POST /v1/briefings/run
  Social, live   ${networks(runtime.social.live)}
  Social, outbox ${networks(runtime.social.outbox)}  (JSON files in ${resolve(dataDir, "outbox")})${runtime.social.broken.map((b) => `\n  Social, NOT posting to ${b.network}: ${b.reason}`).join("")}
  Webhook secret ${dev(secrets.webhookSecrets[0] as string, DEV_SECRETS.webhook)}
  Admin keys     ${keys}
  Console login  POST /v1/session {"key": "<one of the keys>"}
${
  recovered.fanOuts.length
    ? `  Recovered      ${recovered.fanOuts.map((f) => f.id).join(", ")} (unfinished when Herald last stopped)
`
    : ""
}Publish the sample article:  npx tsx scripts/publish.ts
Stop with Ctrl-C.
`);
  } catch (error) {
    await stopAll();
    throw error;
  }
}

main().catch((error: Error) => {
  console.error(`herald: ${error.message}`);
  process.exit(1);
});
