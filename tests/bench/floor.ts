import { readFileSync } from "node:fs";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SESv2Client, SendBulkEmailCommand } from "@aws-sdk/client-sesv2";
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { keys } from "../../functions/adapters/dynamo/keys.js";
import { configFromEnv } from "../../functions/adapters/env-config.js";
import { jsonSesClient } from "../../functions/adapters/ses/json-ses-client.js";
import { articleSchema } from "../../functions/domain/article.js";
import { type AudiencePartition, CHUNK_SIZE, SES_BULK_MAX } from "../../functions/domain/audience.js";
import { LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { renderEdition } from "../../functions/render/email.js";

/**
 * The floor a fan-out is measured against: the least work one recipient needs, done through the
 * same clients as the send (the SDK's, with Herald's JSON wire under them: `documentClient`,
 * `jsonSesClient`) and no Herald logic around it, in a fresh process as a fan-out runs:
 *   tsx tests/bench/floor.ts <table> <dynamo endpoint> <ses endpoint> <db|ses|both>[-sdk] [shards]
 * `-sdk`: the same requests through the SDK's own clients alone (the floor as the SDK sets it).
 * `db`: every audience partition of a world+politics article walked with Query (pages of 1,000,
 * Herald's projection), cut into chunks of 100 (Herald's); per chunk a Put of the chunk item, BatchGet
 * of the 100 subscribers' addresses and of their 100 suppression keys (eventually consistent and
 * projected, as Herald reads them), and one Update recording 100 outcomes. `ses`: two SendBulkEmail calls of 50 entries a chunk,
 * at once (the rendered sample edition, per-entry data and headers), as many chunks as the table
 * has. `both`: the two together, each chunk's SES calls between its reads and its outcome write. Chunks run 8 at a time (Herald's send concurrency).
 * Prints one JSON line: recipients, seconds, recipients per second.
 */
const [table, dynamoEndpoint, sesEndpoint, modeArg, shardsArg] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string?,
];
const sdkOnly = modeArg.endsWith("-sdk");
const mode = modeArg.replace(/-sdk$/, "") as "db" | "ses" | "both";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const CONCURRENCY = 8;
const PAGE = 1000;
const CHUNK = CHUNK_SIZE;
const shards = Number(shardsArg ?? 8);
const local = { region: "local", credentials: LOCAL_CREDENTIALS };
const db = sdkOnly
  ? DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamoEndpoint, ...local }))
  : documentClient({ endpoint: dynamoEndpoint, ...local });
const sdkSes = new SESv2Client({ endpoint: sesEndpoint, ...local });
const ses = sdkOnly ? sdkSes : jsonSesClient(sdkSes);
const config = configFromEnv({ HERALD_PUBLIC_URL: "https://news.bench.example" });
const article = articleSchema(config.topics).parse(
  JSON.parse(readFileSync("scripts/sample-article.json", "utf8")),
);
const rendered = await renderEdition(article, "ed_floorfloorfloorfloor00", config);

/** A bounded pool: at most `n` chunks in flight, the walk waits for a free slot. */
function pool(n: number) {
  const running = new Set<Promise<void>>();
  return {
    async add(work: () => Promise<void>) {
      while (running.size >= n) await Promise.race(running);
      const p = work().finally(() => running.delete(p));
      running.add(p);
    },
    done: () => Promise.all(running),
  };
}

/** A chunk's SES calls, 50 entries each (SES's cap), at once as Herald makes them. */
async function sesCalls(emails: string[]) {
  const calls: string[][] = [];
  for (let i = 0; i < emails.length; i += SES_BULK_MAX) calls.push(emails.slice(i, i + SES_BULK_MAX));
  await Promise.all(calls.map(sesCall));
}

async function sesCall(emails: string[]) {
  await ses.send(
    new SendBulkEmailCommand({
      FromEmailAddress: config.brand.fromAddress,
      DefaultContent: {
        Template: {
          TemplateContent: { Subject: rendered.subject, Html: rendered.html, Text: rendered.text },
          TemplateData: "{}",
        },
      },
      BulkEmailEntries: emails.map((to) => ({
        Destination: { ToAddresses: [to] },
        ReplacementEmailContent: {
          ReplacementTemplate: {
            ReplacementTemplateData: JSON.stringify({ unsubscribeUrl: `https://x.example/u?t=${to}` }),
          },
        },
        ReplacementHeaders: [{ Name: "List-Unsubscribe", Value: `<https://x.example/u?t=${to}>` }],
      })),
    }),
  );
}

let chunkNo = 0;
async function chunkWork(ids: string[]) {
  const key = { pk: "EDITION#floor", sk: `CHUNK#${String(++chunkNo).padStart(6, "0")}` };
  let emails = ids.map((id) => `${id}@floor.example`);
  if (mode !== "ses") {
    await db.send(new PutCommand({ TableName: table, Item: { ...key, recipients: ids, out: {}, v: 0 } }));
    // Only what a send needs: the subscriber's address, the suppression's key (Herald reads a few
    // more attributes of each subscriber, to judge whether to mail them).
    const get = (k: Record<string, string>[], attribute: string) =>
      db.send(
        new BatchGetCommand({
          RequestItems: {
            [table]: {
              Keys: k,
              ConsistentRead: false,
              ProjectionExpression: "#a",
              ExpressionAttributeNames: { "#a": attribute },
            },
          },
        }),
      );
    const [subs] = await Promise.all([
      get(ids.map(keys.subscriber), "email"),
      get(ids.map(keys.suppression), "pk"),
    ]);
    emails = (subs.Responses?.[table] ?? []).map((s) => String(s.email));
  }
  if (mode !== "db") await sesCalls(emails);
  if (mode !== "ses") {
    const names = Object.fromEntries(ids.map((id, i) => [`#r${i}`, id]));
    const values = Object.fromEntries(ids.map((_, i) => [`:r${i}`, { s: "sent", m: `m-${i}` }]));
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: `SET ${ids.map((_, i) => `#out.#r${i} = :r${i}`).join(", ")}, v = :one`,
        ExpressionAttributeNames: { ...names, "#out": "out" },
        ExpressionAttributeValues: { ...values, ":one": 1 },
      }),
    );
  }
}

/** The audience of a world+politics article: each member once, in the partition of its first topic. */
async function walk(topic: string, shard: number, each: (ids: string[]) => Promise<void>) {
  const pk = keys.audiencePartition({ topic, cadence: "instant", shard } as AudiencePartition);
  let start: Record<string, unknown> | undefined;
  let ids: string[] = [];
  do {
    const out = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": pk },
        ProjectionExpression: "sk, id, topics",
        ExclusiveStartKey: start as Record<string, unknown> | undefined,
        Limit: PAGE,
        ConsistentRead: true,
      }),
    );
    for (const item of out.Items ?? []) {
      if (topic === "politics" && (item.topics as string[]).includes("world")) continue;
      ids.push(String(item.id ?? item.sk));
      if (ids.length === CHUNK) {
        await each(ids);
        ids = [];
      }
    }
    start = out.LastEvaluatedKey;
  } while (start);
  if (ids.length) await each(ids);
}

const chunks = pool(CONCURRENCY);
let recipients = 0;
const started = performance.now();
const cpu = process.cpuUsage();
if (mode === "ses") {
  // As many calls as the table's audience makes chunks, without reading it.
  const total = Number(process.argv[7] ?? 10_000);
  for (let i = 0; i < total; i += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, total - i) }, (_, j) => `r${i + j}`);
    recipients += ids.length;
    await chunks.add(() => chunkWork(ids));
  }
} else {
  for (const topic of ["world", "politics"]) {
    for (let shard = 0; shard < shards; shard++) {
      await walk(topic, shard, (ids) => {
        recipients += ids.length;
        return chunks.add(() => chunkWork(ids));
      });
    }
  }
}
await chunks.done();
const used = process.cpuUsage(cpu);
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    mode: modeArg,
    recipients,
    seconds,
    recipientsPerSecond: recipients / seconds,
    cpuMicrosPerRecipient: (used.user + used.system) / recipients,
  }),
);
process.exit(0);
