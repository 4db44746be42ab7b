import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dynamoCardStore } from "../../functions/adapters/dynamo/card-store.js";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { shardCounts } from "../../functions/adapters/dynamo/edition-feedback.js";
import { dynamoEditionRepo } from "../../functions/adapters/dynamo/edition-repo.js";
import { dynamoEngagementMarks } from "../../functions/adapters/dynamo/engagement-marks.js";
import { dynamoSubscriberRepo } from "../../functions/adapters/dynamo/subscriber-repo.js";
import { dynamoSuppressionRepo } from "../../functions/adapters/dynamo/suppression-repo.js";
import { MARKS_TABLE_SCHEMA } from "../../functions/adapters/dynamo/table-schema.js";
import { subscriberId } from "../../functions/domain/subscriber.js";
import { ensureTable, LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { type RunningSes, startSesLocal } from "../../functions/local/ses-local.js";
import { startFeedServer } from "../fixtures/feeds/feed-server.js";
import { type AwsLoopback, startAwsLoopback } from "../helpers/aws-loopback.js";
import {
  type DeployedFunction,
  invokeStaged,
  stageAsset,
  synthDeployed,
} from "../helpers/deployed-assets.js";
import { articleBody, signedWebhook } from "../helpers/factories.js";
import { httpEvent, sqsEvent } from "../helpers/lambda-events.js";
import { seedSubscribers } from "../helpers/seed.js";
import { bounceDetail, queuedEvents, sesEvent } from "../helpers/ses-events.js";
import { sentEmails } from "../helpers/ses-store.js";
import { roleGrants } from "../infra/role-grants.js";

/**
 * What `cdk deploy` ships, run as Lambda runs it: each function's asset from a real `cdk synth`,
 * alone in a folder where only the AWS SDK resolves, started in a fresh `node` with the template's
 * environment (endpoints pointed at DynamoDB Local, the SES stand-in and a loopback for Secrets
 * Manager and SQS), invoked with the event its trigger sends. Every AWS call each function makes is
 * held against its role's grants in the same template.
 */

const ACCOUNT = "123456789012";

/** SES out of sending quota: every call answered 429 TooManyRequestsException, as SES v2 does. */
async function startThrottledSes() {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(429, {
      "content-type": "application/json",
      "x-amzn-errortype": "TooManyRequestsException",
    });
    res.end(JSON.stringify({ message: "Maximum sending rate exceeded." }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
const WEBHOOK_SECRET = "w".repeat(40);
const secretArn = (name: string) => `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${name}-AbCdEf`;

let template: Record<string, unknown>;
let functions: Map<string, DeployedFunction>;
let grants: Record<string, string[]>;
let aws: AwsLoopback;
let ses: RunningSes;
let tableName: string;
let marksTableName: string;
let dynamo: DynamoDBClient;
const staged = new Map<string, string>();
let feeds: Awaited<ReturnType<typeof startFeedServer>>;

/** A CloudFormation value in the template's environment, as this run's stand-ins name it. */
function resolve(value: unknown, loopback: string): string {
  if (typeof value === "string") return value;
  const v = value as Record<string, unknown>;
  if (v["Fn::Join"]) {
    const [separator, parts] = v["Fn::Join"] as [string, unknown[]];
    return parts.map((p) => resolve(p, loopback)).join(separator);
  }
  if (v["Fn::Select"]) {
    const [index, list] = v["Fn::Select"] as [number, { "Fn::Split": [string, unknown] }];
    const [separator, source] = list["Fn::Split"];
    return resolve(source, loopback).split(separator)[index] as string;
  }
  const id = String(v.Ref ?? (v["Fn::GetAtt"] as string[] | undefined)?.[0]).replace(/[0-9A-F]{8}$/, "");
  if (id === "AWS::StackId")
    return `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/Herald/${randomUUID()}`;
  if (id === "DataTable") return tableName;
  if (id === "DataMarksTable") return marksTableName;
  if (id === "EmailConfigurationSet") return "herald";
  // Links: CloudFront's domain name (the edge), or the HTTP API's endpoint URL (without the edge).
  if (id === "ApiEdgeDistribution") return "news.example.test";
  if (id === "ApiHttpApi") return "https://news.example.test";
  // ARNs EventBridge Scheduler is handed (the edition queue, its DLQ, the role it assumes).
  if ((v["Fn::GetAtt"] as string[] | undefined)?.[1] === "Arn") {
    if (/Queue$|Dlq$/.test(id)) return `arn:aws:sqs:us-east-1:${ACCOUNT}:${id}`;
    if (id.endsWith("Role")) return `arn:aws:iam::${ACCOUNT}:role/${id}`;
  }
  if (id.endsWith("Queue")) return `${loopback}/${ACCOUNT}/${id}`;
  if (/Secret|TokenKeys/.test(id)) return secretArn(id);
  throw new Error(`no stand-in for ${JSON.stringify(value)}`);
}

/** The grant a recorded call needs, in roleGrants' notation: `sqs:SendMessage SendingSendQueue.Arn`. */
function grantFor(call: { action: string; resource: string }): string {
  if (call.action.startsWith("dynamodb:"))
    return `${call.action} ${call.resource.replace(marksTableName, "DataMarksTable.Arn").replace(tableName, "DataTable.Arn")}`;
  if (call.action.startsWith("sqs:")) return `${call.action} ${call.resource.split("/").pop()}.Arn`;
  return `${call.action} ${/secret:(.+)-AbCdEf$/.exec(call.resource)?.[1]}`;
}

/** Runs `name`'s asset once with `event`; asserts every AWS call it made is granted to its role. */
async function invoke(name: string, event: unknown, overrides: Record<string, string> = {}) {
  const fn = functions.get(name);
  if (!fn) throw new Error(`${name} is not in the template`);
  let dir = staged.get(name);
  if (!dir) {
    // The renderer's asset carries linux-arm64's resvg; this machine's own binary runs in its place.
    const native = `@resvg/resvg-js-${process.platform}-${process.arch}-gnu`;
    dir = stageAsset(fn, name === "SendingRenderPlan" ? [native] : []);
    staged.set(name, dir);
  }
  const env = Object.fromEntries(
    Object.entries(fn.environment).map(([k, v]) => [k, resolve(v, aws.endpoint)]),
  );
  aws.reset();
  const out = await invokeStaged(
    dir,
    {
      ...env,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_LAMBDA_FUNCTION_NAME: name,
      AWS_ENDPOINT_URL_DYNAMODB: aws.endpoint,
      AWS_ENDPOINT_URL_SQS: aws.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      TZ: "UTC",
      ...overrides,
    },
    event,
  );
  const needed = [...new Set(aws.calls.map(grantFor))];
  const held = (grants[name] ?? []).map((g) => g.replace(/ if .*$/, ""));
  expect(
    needed.filter((g) => !held.includes(g)),
    `${name} made calls its role may not make`,
  ).toEqual([]);
  return { ...out, calls: [...aws.calls], messages: [...aws.messages] };
}

beforeAll(async () => {
  // A newsroom feed on loopback: its URL goes into the template, as `-c feeds=…` would put it.
  feeds = await startFeedServer();
  feeds.routes.set("/news.xml", {
    body: readFileSync(new URL("../fixtures/feeds/rss-newsroom.xml", import.meta.url), "utf8"),
  });
  // Once for the file: bundling every function is most of this test's time.
  const synth = synthDeployed({
    feeds: JSON.stringify([{ url: `${feeds.base}/news.xml`, defaultTopic: "world" }]),
  });
  template = synth.template;
  functions = new Map(synth.functions.map((f) => [f.name, f]));
  grants = roleGrants(Template.fromJSON(synth.template));
  tableName = `herald-${randomUUID().slice(0, 8)}`;
  dynamo = new DynamoDBClient({
    endpoint: inject("dynamoEndpoint"),
    region: "local",
    credentials: LOCAL_CREDENTIALS,
  });
  await ensureTable(dynamo, tableName);
  marksTableName = `marks-${randomUUID().slice(0, 8)}`;
  await ensureTable(dynamo, marksTableName, MARKS_TABLE_SCHEMA);
  ses = await startSesLocal(0);
  await fetch(`${ses.endpoint}/clear-store`, { method: "POST" });
  aws = await startAwsLoopback({
    dynamoEndpoint: inject("dynamoEndpoint"),
    secrets: {
      [secretArn("SecretsApiSecret")]: { adminKey: "A".repeat(48), webhookSecrets: [WEBHOOK_SECRET] },
      [secretArn("SecretsTokenKeys")]: { current: "k1", k1: "K".repeat(48) },
      [secretArn("SocialSocialSecret")]: { HERALD_SOCIAL_TOKEN_KEY: "S".repeat(48) },
    },
  });
}, 300_000);

afterAll(async () => {
  await feeds?.stop();
  await aws?.stop();
  await ses?.stop();
  dynamo?.destroy();
});

describe("the deployed artifacts run", () => {
  const db = () =>
    documentClient({ endpoint: inject("dynamoEndpoint"), region: "local", credentials: LOCAL_CREDENTIALS });
  const article = articleBody({ id: "deployed-1", imageUrl: undefined, topics: ["world"] });
  let editionId: string;
  let renderJob: string;
  let sendJobs: string[] = [];

  it("synthesizes every function of the stack", () => {
    expect(template).toBeDefined();
    expect([...functions.keys()].sort()).toEqual([
      "ApiFunction",
      "Briefing",
      "ConsoleFunction",
      "FeedbackSesFeedback",
      "PollFeeds",
      "RecoveryRecover",
      "SendingRenderPlan",
      "SendingSend",
      "SocialWorker",
      "TrackingFunction",
      "TrackingRecorder",
    ]);
  });

  it("the API answers /health (HTTP API v2 payload)", async () => {
    const { result } = await invoke("ApiFunction", httpEvent("GET", "/health"));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ ok: true });
  });

  it("the console's function serves its pages and the API reference from its own bundle, touching nothing", async () => {
    for (const [path, type] of [
      ["/console/sign-in", /^text\/html/],
      ["/docs", /^text\/html/],
      ["/openapi.json", /^application\/json/],
    ] as const) {
      const { result, calls } = await invoke("ConsoleFunction", httpEvent("GET", path));
      expect(result.statusCode, path).toBe(200);
      expect(result.headers?.["content-type"], path).toMatch(type);
      expect(calls, path).toEqual([]);
    }
  });

  it("the API takes a signed webhook: the edition is recorded and queued for rendering", async () => {
    const request = signedWebhook(article, WEBHOOK_SECRET);
    const { result, messages, calls } = await invoke(
      "ApiFunction",
      httpEvent("POST", "/v1/webhooks/articles", { headers: request.headers, body: request.body }),
    );
    expect(result.statusCode, result.body).toBe(202);
    editionId = JSON.parse(result.body).editionId;
    expect((await dynamoEditionRepo(db(), tableName).get(editionId))?.status).toBe("queued");
    expect(messages.map((m) => m.queueUrl.split("/").pop())).toEqual(["SendingEditionQueue"]);
    renderJob = messages[0]?.body as string;
    expect(calls.map((c) => c.action)).toEqual(
      expect.arrayContaining(["secretsmanager:GetSecretValue", "dynamodb:PutItem", "sqs:SendMessage"]),
    );
  });

  it("the renderer (SQS batch) renders the edition and its card with the native binary, and plans its chunks", async () => {
    const ports = { subscribers: dynamoSubscriberRepo(db(), tableName, 8) };
    await seedSubscribers(ports, 3, ["world"], { prefix: "deployed" });
    const { result, messages } = await invoke(
      "SendingRenderPlan",
      sqsEvent("SendingEditionQueue", [renderJob]),
    );
    expect(result).toEqual({ batchItemFailures: [] });
    const card = await dynamoCardStore(db(), tableName).get(editionId);
    expect(
      Buffer.from(card ?? [])
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    sendJobs = messages.filter((m) => m.queueUrl.endsWith("/SendingSendQueue")).map((m) => m.body);
    expect(sendJobs.length).toBeGreaterThan(0);
  });

  it("the send worker queues a chunk SES throttled again, with a delay, on its own queue", async () => {
    const throttling = await startThrottledSes();
    try {
      const { result, messages } = await invoke("SendingSend", sqsEvent("SendingSendQueue", sendJobs), {
        AWS_ENDPOINT_URL_SESV2: throttling.endpoint,
      });
      expect(result).toEqual({ batchItemFailures: [] });
      expect(messages.map((m) => [m.queueUrl.split("/").pop(), m.delaySeconds])).toEqual(
        sendJobs.map(() => ["SendingSendQueue", 1]),
      );
    } finally {
      await throttling.stop();
    }
  });

  it("the send worker (SQS batch) sends the chunks through SES with signed unsubscribe links", async () => {
    const { result } = await invoke("SendingSend", sqsEvent("SendingSendQueue", sendJobs));
    expect(result).toEqual({ batchItemFailures: [] });
    const emails = await sentEmails(ses.endpoint);
    expect(emails.flatMap((e) => e.destination.to).sort()).toEqual([
      "deployed0@example.org",
      "deployed1@example.org",
      "deployed2@example.org",
    ]);
    expect(emails[0]?.body.html).toContain("/v1/unsubscribe?token=");
  });

  it("the recorder (SQS batch) counts a reader's click: the mark, then the edition's counters", async () => {
    const recipient = subscriberId("deployed1@example.org");
    const click = {
      id: "deployed-click-1",
      kind: "click",
      target: editionId,
      recipient,
      sentAt: Math.floor(Date.now() / 1000),
      url: "https://news.example/deployed",
      at: Date.now(),
      machine: false,
    };
    const { result, calls } = await invoke(
      "TrackingRecorder",
      sqsEvent("TrackingEngagementQueue", [JSON.stringify(click), JSON.stringify(click)]),
    );
    expect(result).toEqual({ batchItemFailures: [] });
    const [mark] = await dynamoEngagementMarks(db(), marksTableName).getMarks([
      { recipient, target: editionId },
    ]);
    expect(mark?.mark.seen).toEqual(["deployed-click-1"]);
    expect(calls.map((c) => c.action)).toEqual(
      expect.arrayContaining(["dynamodb:BatchGetItem", "dynamodb:PutItem"]),
    );
  });

  it("the feedback function, fed a queued batch, suppresses a bounce and counts a delivery named twice once", async () => {
    const bounce = sesEvent("Bounce", "deployed0@example.org", {
      edition: editionId,
      detail: bounceDetail("deployed0@example.org"),
    });
    const delivery = sesEvent("Delivery", "deployed1@example.org", {
      messageId: "deployed-dlv",
      edition: editionId,
    });
    delivery.mail.tags = {
      ...delivery.mail.tags,
      chunk: ["deployed-0"],
      pos: ["1"],
    } as typeof delivery.mail.tags;
    const before = (await shardCounts(db(), tableName, [editionId])).get(editionId)?.feedback?.delivered ?? 0;
    // As the SES events queue delivers them: the default bus's envelope, one SQS record each.
    const { result } = await invoke("FeedbackSesFeedback", queuedEvents(bounce, delivery, delivery));
    expect(result).toEqual({ batchItemFailures: [] });
    const suppressed = await dynamoSuppressionRepo(db(), tableName).suppressedAmong([
      subscriberId("deployed0@example.org"),
    ]);
    expect(suppressed.size).toBe(1);
    const after = (await shardCounts(db(), tableName, [editionId])).get(editionId)?.feedback?.delivered ?? 0;
    expect(after - before).toBe(1);
  });

  it("the recovery function (Scheduler event) walks the unfinished work, with no secret", async () => {
    const { result } = await invoke("RecoveryRecover", {});
    expect(result).toMatchObject({ requeued: expect.any(Number), stalled: expect.any(Number) });
  });

  it("the briefing function (Scheduler event) records today's briefing", async () => {
    const { result } = await invoke("Briefing", {});
    expect(result).toMatchObject({ created: true });
    expect(String(result.briefingId)).not.toBe("");
  });

  it("the feed poller (Scheduler event) reads the configured feed and records what it has seen", async () => {
    const { result, calls } = await invoke("PollFeeds", {});
    // A feed's first poll takes what is already in it as seen, publishing nothing (no backfill).
    expect(result).toMatchObject({ feeds: 1, failed: 0, published: 0 });
    expect(feeds.requests.map((r) => r.path)).toContain("/news.xml");
    expect(calls.map((c) => c.action)).toContain("dynamodb:BatchWriteItem");
  });

  it("the social worker (SQS batch) loads its secret and fans out to no account when none is configured", async () => {
    const { result } = await invoke(
      "SocialWorker",
      sqsEvent("SocialPostQueue", [JSON.stringify({ editionId })]),
    );
    expect(result).toEqual({ batchItemFailures: [] });
  });
});
