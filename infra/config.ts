import type { Node } from "constructs";
import * as z from "zod";
import { isTimeZone } from "../functions/domain/briefing/schedule.js";
import { DEFAULT_TOPICS } from "../functions/domain/config.js";
import { parseReviewSources } from "../functions/domain/editorial.js";
import { DEFAULT_TRACKING, TrackingMode } from "../functions/domain/tracking/mode.js";

/**
 * The deployment's settings, read from CDK context (`cdk.json` or `-c key=value`) with defaults
 * that synthesize out of the box. Everything here ends up in the template, so nothing here is
 * secret: secrets live in Secrets Manager (see constructs/secrets.ts).
 */
export const CONTEXT_KEYS = [
  "domain",
  "fromAddress",
  "brandName",
  "replyTo",
  "sesMaxSendRate",
  "topics",
  "audienceShards",
  "publicUrl",
  "postalAddress",
  "listId",
  "alarmEmail",
  "apiDomainName",
  "apiCertificateArn",
  "apiRateLimit",
  "apiBurstLimit",
  "pauseMinSample",
  "shareEmailsPerDay",
  "confirmationsPerHour",
  "feeds",
  "topicMap",
  "defaultTopic",
  "feedPollMinutes",
  "briefingHour",
  "briefingTimeZone",
  "tokenKeysSecretArn",
  "apiSecretArn",
  "edge",
  "clientRateLimit",
  "clientWriteRateLimit",
  "webhookRateLimit",
  "webhookBurstLimit",
  "unsubscribeRateLimit",
  "unsubscribeBurstLimit",
  "stallSeconds",
  "recoveryMinutes",
  "review",
  "tracking",
  "trackingRateLimit",
  "trackingBurstLimit",
] as const;

/** `-c key=value` always arrives as a string; cdk.json may hold numbers and arrays. */
const count = z.coerce.number().int().positive();
const csv = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean));

const secretArn = z
  .string()
  .regex(/^arn:[\w-]+:secretsmanager:[\w-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/, "a complete secret ARN");

const Raw = z.object({
  domain: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, "a DNS domain name")
    .default("news.example.com"),
  fromAddress: z.string().optional(),
  brandName: z.string().min(1).default("The Daily Herald"),
  replyTo: z.string().optional(),
  /** SES "maximum send rate" of the account, in recipients per second (Service Quotas). */
  sesMaxSendRate: count.default(14),
  topics: csv.pipe(z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1)).default(DEFAULT_TOPICS),
  audienceShards: count.max(64).default(8),
  publicUrl: z.url().optional(),
  postalAddress: z.string().min(1).default("1 Press Row, Springfield, IL 62701, USA"),
  listId: z.string().optional(),
  alarmEmail: z.email().optional(),
  apiDomainName: z.string().optional(),
  apiCertificateArn: z.string().startsWith("arn:").optional(),
  apiRateLimit: count.default(50),
  apiBurstLimit: count.default(100),
  /** Recipients an edition must have sent before its bounce and complaint rates may pause it. */
  pauseMinSample: count.default(100),
  /** "Email a friend": emails the whole feature may send a day; 0 turns it off. */
  shareEmailsPerDay: z.coerce.number().int().min(0).default(1000),
  /** Confirmation emails sign-ups may cause in an hour, every address together. */
  confirmationsPerHour: count.default(1000),
  /** Feeds to poll, as `HERALD_FEEDS` takes them: a JSON array (or a JSON string of one). */
  feeds: z.union([z.string(), z.array(z.unknown())]).optional(),
  /** CMS categories and tags to topics, as `HERALD_TOPIC_MAP`: a JSON object (or its JSON string). */
  topicMap: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  defaultTopic: z.string().optional(),
  feedPollMinutes: count.max(1440).default(5),
  /** The daily briefing's hour (0–23) in `briefingTimeZone`, an IANA zone name. */
  briefingHour: z.coerce.number().int().min(0).max(23).default(7),
  briefingTimeZone: z.string().default("UTC").refine(isTimeZone, "an IANA time zone such as Europe/Berlin"),
  /** A retained secret of a previous deployment to use instead of creating one (docs/security-aws.md). */
  tokenKeysSecretArn: secretArn.optional(),
  apiSecretArn: secretArn.optional(),
  /** CloudFront + AWS WAF in front of the API (docs/security-aws.md); needs the stack in us-east-1. */
  edge: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).default(true),
  /** Requests one client IP may make in 5 minutes (AWS WAF rate-based rule), and of them writes. */
  clientRateLimit: count.min(10).default(1000),
  clientWriteRateLimit: count.min(10).default(100),
  /** Route budgets of the HTTP API, requests per second, apart from the stage's (apiRateLimit). */
  webhookRateLimit: count.default(10),
  webhookBurstLimit: count.default(20),
  unsubscribeRateLimit: count.default(20),
  unsubscribeBurstLimit: count.default(40),
  /** A fan-out without progress this long is stalled: shown so, alarmed on, and queued again. */
  stallSeconds: count.min(60).default(600),
  /** How often the recovery pass runs. */
  recoveryMinutes: count.max(60).default(5),
  /** Review mode, as `HERALD_REVIEW`: `off`, `all`, or sources (webhook, ghost, wordpress, feeds). */
  review: csv.default([]).refine(
    (v) => {
      try {
        parseReviewSources(v.join(","));
        return true;
      } catch {
        return false;
      }
    },
    { message: "off, all, or a list of webhook, ghost, wordpress, feeds" },
  ),
  /** What emails track: off, clicks, opens,clicks (docs/analytics.md); and the tracked link's route budget. */
  tracking: TrackingMode.default(DEFAULT_TRACKING),
  trackingRateLimit: count.default(200),
  trackingBurstLimit: count.default(400),
});

const asJson = (v: unknown) => (v === undefined ? undefined : typeof v === "string" ? v : JSON.stringify(v));

export interface HeraldConfig {
  domain: string;
  fromAddress: string;
  brandName: string;
  replyTo?: string;
  sesMaxSendRate: number;
  topics: string[];
  audienceShards: number;
  /** Undefined: the stack uses the custom domain, or else the API's own endpoint. */
  publicUrl?: string;
  postalAddress: string;
  listId: string;
  alarmEmail?: string;
  customDomain?: { name: string; certificateArn: string };
  apiThrottle: { rateLimit: number; burstLimit: number };
  pauseMinSample: number;
  shareEmailsPerDay: number;
  confirmationsPerHour: number;
  /** Feed settings in the environment's format (JSON strings); the functions validate them at start. */
  sources: { feeds?: string; topicMap?: string; defaultTopic?: string; pollMinutes: number };
  briefing: { hour: number; timeZone: string };
  /** CloudFront and WAF in front of the API, with per-client limits in 5-minute windows. */
  edge?: { clientRateLimit: number; clientWriteRateLimit: number };
  /** Each route's own throttle: a flood on one route leaves these their budget. */
  routeThrottles: {
    webhooks: { rateLimit: number; burstLimit: number };
    unsubscribe: { rateLimit: number; burstLimit: number };
    tracking: { rateLimit: number; burstLimit: number };
  };
  /** Secrets retained from a previous deployment, adopted instead of created (complete ARNs). */
  adoptSecrets: { tokens?: string; api?: string };
  recovery: { stallSeconds: number; everyMinutes: number };
  /** `HERALD_REVIEW`: the sources whose editions wait for an editor ("off" when none). */
  review: string;
  tracking: TrackingMode;
}

/** Parses and cross-checks the settings; throws one error naming every field at fault. */
export function parseConfig(input: Record<string, unknown>): HeraldConfig {
  const raw = Raw.parse(input);
  const fromAddress = raw.fromAddress ?? `${raw.brandName} <news@${raw.domain}>`;
  const fromDomain = /@([^>\s]+)>?\s*$/.exec(fromAddress)?.[1]?.toLowerCase();
  const domain = raw.domain.toLowerCase();
  // SES authorizes a send by the From address's identity: it must be the verified domain or below it.
  if (!fromDomain || (fromDomain !== domain && !fromDomain.endsWith(`.${domain}`))) {
    throw new Error(`fromAddress "${fromAddress}" must be an address at the sending domain "${domain}"`);
  }
  if (Boolean(raw.apiDomainName) !== Boolean(raw.apiCertificateArn)) {
    throw new Error("apiDomainName and apiCertificateArn go together: set both or neither");
  }
  return {
    domain,
    fromAddress,
    brandName: raw.brandName,
    ...(raw.replyTo ? { replyTo: raw.replyTo } : {}),
    sesMaxSendRate: raw.sesMaxSendRate,
    topics: raw.topics,
    audienceShards: raw.audienceShards,
    ...(raw.publicUrl ? { publicUrl: raw.publicUrl.replace(/\/+$/, "") } : {}),
    postalAddress: raw.postalAddress,
    listId: raw.listId ?? `newsletter.${domain}`,
    ...(raw.alarmEmail ? { alarmEmail: raw.alarmEmail } : {}),
    ...(raw.apiDomainName && raw.apiCertificateArn
      ? { customDomain: { name: raw.apiDomainName, certificateArn: raw.apiCertificateArn } }
      : {}),
    apiThrottle: { rateLimit: raw.apiRateLimit, burstLimit: raw.apiBurstLimit },
    pauseMinSample: raw.pauseMinSample,
    shareEmailsPerDay: raw.shareEmailsPerDay,
    confirmationsPerHour: raw.confirmationsPerHour,
    sources: {
      ...(raw.feeds !== undefined ? { feeds: asJson(raw.feeds) } : {}),
      ...(raw.topicMap !== undefined ? { topicMap: asJson(raw.topicMap) } : {}),
      ...(raw.defaultTopic ? { defaultTopic: raw.defaultTopic } : {}),
      pollMinutes: raw.feedPollMinutes,
    },
    briefing: { hour: raw.briefingHour, timeZone: raw.briefingTimeZone },
    ...(raw.edge
      ? { edge: { clientRateLimit: raw.clientRateLimit, clientWriteRateLimit: raw.clientWriteRateLimit } }
      : {}),
    routeThrottles: {
      webhooks: { rateLimit: raw.webhookRateLimit, burstLimit: raw.webhookBurstLimit },
      unsubscribe: { rateLimit: raw.unsubscribeRateLimit, burstLimit: raw.unsubscribeBurstLimit },
      tracking: { rateLimit: raw.trackingRateLimit, burstLimit: raw.trackingBurstLimit },
    },
    adoptSecrets: {
      ...(raw.tokenKeysSecretArn ? { tokens: raw.tokenKeysSecretArn } : {}),
      ...(raw.apiSecretArn ? { api: raw.apiSecretArn } : {}),
    },
    recovery: { stallSeconds: raw.stallSeconds, everyMinutes: raw.recoveryMinutes },
    review: parseReviewSources(raw.review.join(",")).join(",") || "off",
    tracking: raw.tracking,
  };
}

/** Reads every known key from the construct tree's context (cdk.json, `-c`, or a test's App). */
export function configFromContext(node: Node): HeraldConfig {
  const input: Record<string, unknown> = {};
  for (const key of CONTEXT_KEYS) {
    const value = node.tryGetContext(key);
    if (value !== undefined && value !== "") input[key] = value;
  }
  return parseConfig(input);
}
