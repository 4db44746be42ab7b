import type { Node } from "constructs";
import { z } from "zod";
import { isTimeZone } from "../functions/domain/briefing/schedule.js";
import { parseReviewSources } from "../functions/domain/editorial.js";

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
  "feeds",
  "topicMap",
  "defaultTopic",
  "feedPollMinutes",
  "briefingHour",
  "briefingTimeZone",
  "review",
] as const;

/** The newsroom's default topics, as in API.md. */
const DEFAULT_TOPICS = ["world", "politics", "business", "technology", "culture"];

/** `-c key=value` always arrives as a string; cdk.json may hold numbers and arrays. */
const count = z.coerce.number().int().positive();
const csv = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean));

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
  /** Feeds to poll, as `HERALD_FEEDS` takes them: a JSON array (or a JSON string of one). */
  feeds: z.union([z.string(), z.array(z.unknown())]).optional(),
  /** CMS categories and tags to topics, as `HERALD_TOPIC_MAP`: a JSON object (or its JSON string). */
  topicMap: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  defaultTopic: z.string().optional(),
  feedPollMinutes: count.max(1440).default(5),
  /** The daily briefing's hour (0–23) in `briefingTimeZone`, an IANA zone name. */
  briefingHour: z.coerce.number().int().min(0).max(23).default(7),
  briefingTimeZone: z.string().default("UTC").refine(isTimeZone, "an IANA time zone such as Europe/Berlin"),
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
  /** Feed settings in the environment's format (JSON strings); the functions validate them at start. */
  sources: { feeds?: string; topicMap?: string; defaultTopic?: string; pollMinutes: number };
  briefing: { hour: number; timeZone: string };
  /** `HERALD_REVIEW`: the sources whose editions wait for an editor ("off" when none). */
  review: string;
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
    sources: {
      ...(raw.feeds !== undefined ? { feeds: asJson(raw.feeds) } : {}),
      ...(raw.topicMap !== undefined ? { topicMap: asJson(raw.topicMap) } : {}),
      ...(raw.defaultTopic ? { defaultTopic: raw.defaultTopic } : {}),
      pollMinutes: raw.feedPollMinutes,
    },
    briefing: { hour: raw.briefingHour, timeZone: raw.briefingTimeZone },
    review: parseReviewSources(raw.review.join(",")).join(",") || "off",
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
