import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import {
  freePort,
  type HeraldProcess,
  keptInbox,
  startHeraldProcess,
  until,
} from "../helpers/herald-process.js";

/**
 * `npm start` killed (SIGKILL) after it accepted a sign-up and before its worker applied it, then
 * started again on the same data folder: the reader gets exactly one confirmation. The render queue
 * runs one job at a time, so the sign-up waits behind an edition whose card image a loopback server
 * holds unanswered; the kill lands while that request is still open, the sign-up's job in memory.
 */
const ENV = { HERALD_PUBLIC_URL: "https://news.example.test", HERALD_RECOVERY_INTERVAL_SECONDS: "1" };
const START_SECONDS = 240;
const READER = "crashed-sign-up@example.org";

let dataDir: string | undefined;
let herald: HeraldProcess | undefined;
let images: Server | undefined;

afterAll(async () => {
  await herald?.kill();
  images?.closeAllConnections();
  images?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** An image server that holds the first request open (the render worker waits on it), then 404s. */
async function holdingImageServer() {
  const held = { received: false, closed: false, release: false };
  const server = createServer((_req, res) => {
    if (held.release || held.received) {
      res.writeHead(404).end();
      return;
    }
    held.received = true;
    res.on("close", () => (held.closed = true));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { server, held, url: `http://127.0.0.1:${port}/photo.jpg` };
}

/** The unfinished-work entries left in the table (`WORK` partition), by kind. */
async function unfinished(endpoint: string) {
  const db = documentClient({ endpoint, region: "local", credentials: LOCAL_CREDENTIALS });
  try {
    const out = await db.send(
      new QueryCommand({
        TableName: "herald",
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": "WORK" },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map((i) => String(i.kind));
  } finally {
    db.destroy();
  }
}

describe("npm start killed with a sign-up accepted but not applied", () => {
  it("sends the reader exactly one confirmation after the restart", async () => {
    dataDir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "herald-sign-up-crash-"));
    const ports = { api: await freePort(), ses: await freePort(), dynamo: await freePort() };
    const image = await holdingImageServer();
    images = image.server;
    herald = await startHeraldProcess(dataDir, ports, ENV, START_SECONDS);

    // The render worker busy with an edition whose card image does not answer.
    const { body, headers, method } = signedWebhook(
      articleBody({ id: "crash-sign-up", imageUrl: image.url, topics: ["culture"] }),
    );
    const published = await fetch(`${herald.api}/v1/webhooks/articles`, { method, body, headers });
    expect(published.status).toBe(202);
    const { editionId } = (await published.json()) as { editionId: string };
    await until(async () => image.held.received, Boolean, 25, 120);

    const signUp = await fetch(`${herald.api}/v1/subscribers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: READER, topics: ["world"] }),
    });
    expect(signUp.status).toBe(202);
    // Still held at the kill: the worker had not got past the edition, so the sign-up was never applied.
    const heldAtKill = !image.held.closed;
    await herald.kill();
    expect(heldAtKill, "the image request closed before the kill: the test proves nothing").toBe(true);
    image.held.release = true;

    herald = await startHeraldProcess(dataDir, ports, ENV, START_SECONDS);
    const api = herald.api;
    await until(
      async () =>
        (await (await fetch(`${api}/v1/editions/${editionId}`, { headers: adminHeaders() })).json()) as {
          status: string;
        },
      (v) => v.status === "sent",
      250,
      180,
    );
    // Done once nothing about the sign-up is left unfinished: applied and its confirmation sent.
    await until(
      () => unfinished(herald?.dynamo as string),
      (kinds) => !kinds.includes("signup") && !kinds.includes("confirmation"),
      250,
      180,
    );
    const kept = existsSync(join(dataDir, "ses", "emails.jsonl"));
    const confirmations = kept ? await keptInbox(dataDir, (s) => /^Confirm your subscription/.test(s)) : [];
    expect(Object.fromEntries(confirmations)).toEqual({ [READER]: 1 });
  }, 600_000);
});
