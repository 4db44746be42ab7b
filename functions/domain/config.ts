import * as z from "zod";
import type { AdminKey } from "./access/admin-keys.js";
import { CHUNK_SIZE } from "./audience.js";
import { BriefingSchedule } from "./briefing/schedule.js";
import { DEFAULT_SOURCES, Sources } from "./cms/sources.js";
import { ArticleSource } from "./editorial.js";
import type { TokenKeys } from "./tokens.js";
import { DEFAULT_TRACKING, TrackingMode } from "./tracking/mode.js";

/**
 * Everything Herald needs to know about the newsroom and its deployment that is not secret.
 * Locally it comes from the environment with development defaults; on AWS from the stack.
 */
/** The newsroom's topics when none are configured (`HERALD_TOPICS`, the `topics` context). */
export const DEFAULT_TOPICS = ["world", "politics", "business", "technology", "culture"];

export const Config = z.object({
  publicUrl: z.url().transform((u) => u.replace(/\/+$/, "")),
  topics: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
  audienceShards: z.number().int().min(1).max(64),
  tableName: z.string().min(1),
  /**
   * The engagement marks' own table (a recipient's clicks and opens of one email, for deduplication,
   * expiring with its tracking tokens): the most written and shortest-lived items, kept out of the
   * main table's backups, its export Scan and its index. Unset: `<tableName>-marks` (`marksTableOf`).
   */
  marksTableName: z.string().min(1).optional(),
  brand: z.object({
    name: z.string().min(1),
    fromAddress: z.string().min(3),
    replyTo: z.string().optional(),
    postalAddress: z.string().min(1),
    listId: z.string().min(1),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  }),
  sesConfigurationSet: z.string().optional(),
  /** Which wording of the sign-up consent a subscriber agreed to; recorded with their consent. */
  consentTextVersion: z.string().min(1).default("1"),
  /**
   * "Email this article to a friend": emails the whole feature may send a day, every reader together
   * (each recipient counts); 0 turns the feature off. A relay's worst day is bounded by it.
   */
  shareEmailsPerDay: z.number().int().min(0).default(1000),
  /** Confirmation emails sign-ups may cause in one hour, every address together. */
  confirmationsPerHour: z.number().int().min(1).default(1000),
  /**
   * Recipients the planner puts in a chunk: 100 (two SES calls), or 50 where the SES quota is so
   * small that a worker's share could not send 100 within its time (the stack decides:
   * infra/send-concurrency.ts).
   */
  chunkSize: z.number().int().min(1).max(CHUNK_SIZE).default(CHUNK_SIZE),
  /** How long a send worker holds a chunk before another attempt may take it over. */
  chunkLeaseSeconds: z.number().int().min(1),
  /** How long a social worker holds a post while it calls the network; past it, the call is presumed dead. */
  socialLeaseSeconds: z.number().int().min(1).default(120),
  /**
   * A fan-out (edition or briefing) that is queued or sending without progress this long is shown as
   * stalled, alarmed on, and its work queued again by the recovery pass; so are sign-ups never
   * applied, confirmations and social posts left this long.
   */
  stallSeconds: z.number().int().min(1).default(300),
  /** Recipients an edition must have sent before its bounce and complaint rates can pause it. */
  pauseMinSample: z.number().int().min(1).default(100),
  /** Polled feeds and how CMS categories map to topics (`domain/cms/sources.ts`). */
  sources: Sources.default(DEFAULT_SOURCES),
  /** Sources whose editions wait, rendered, for an editor's approval (`HERALD_REVIEW`). */
  review: z.array(ArticleSource).default([]),
  /** When the daily briefing goes out, in the newsroom's time zone. */
  briefing: BriefingSchedule.default({ hour: 7, timeZone: "UTC" }),
  /** What emails track (`HERALD_TRACKING`): nothing, clicks, or opens and clicks (`docs/analytics.md`). */
  tracking: TrackingMode.default(DEFAULT_TRACKING),
});
export type Config = z.infer<typeof Config>;

/**
 * The marks table's name: the configured one, or the main table's name with `-marks` (locally and in
 * tests, where a table of one's own brings its marks table along).
 *
 * @example
 * marksTableOf({ tableName: "herald" }); // "herald-marks"
 */
export const marksTableOf = (config: Pick<Config, "tableName" | "marksTableName">) =>
  config.marksTableName ?? `${config.tableName}-marks`;

/** Secrets: Secrets Manager on AWS, environment variables with printed defaults locally. */
export interface Secrets {
  /** Every secret that may sign a webhook (current first); more than one while the CMS rotates. */
  webhookSecrets: string[];
  /** The admin key of earlier versions: a key named "admin" with role admin (`adminKeysOf`). */
  adminKey: string;
  /** Named keys with roles, for the admin API and the console. */
  adminKeys?: AdminKey[];
  tokenKeys: TokenKeys;
}
