import { Config, DEFAULT_TOPICS } from "../domain/config.js";
import { parseReviewSources } from "../domain/editorial.js";
import { trackingModeOf } from "../domain/tracking/mode.js";
import { sourcesFromEnv } from "./feeds/env-sources.js";
import { RuntimeEnv } from "./runtime-env.js";

/**
 * Reads the non-secret configuration from `HERALD_*` variables, with the local development
 * defaults (docs/configuration.md). The stack sets the same variables on every function.
 */
export function configFromEnv(raw: Record<string, string | undefined> = process.env): Config {
  const env = RuntimeEnv.parse(raw);
  const list = (v: string | undefined) =>
    v
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  return Config.parse({
    publicUrl: env.HERALD_PUBLIC_URL ?? `http://127.0.0.1:${env.PORT ?? 3000}`,
    topics: list(env.HERALD_TOPICS) ?? DEFAULT_TOPICS,
    audienceShards: Number(env.HERALD_AUDIENCE_SHARDS ?? 8),
    tableName: env.HERALD_TABLE_NAME ?? "herald",
    marksTableName: env.HERALD_MARKS_TABLE_NAME,
    brand: {
      name: env.HERALD_BRAND_NAME ?? "The Daily Herald",
      fromAddress: env.HERALD_FROM_ADDRESS ?? "The Daily Herald <news@herald.localhost>",
      replyTo: env.HERALD_REPLY_TO,
      postalAddress: env.HERALD_POSTAL_ADDRESS ?? "1 Press Row, Springfield, IL 62701, USA",
      listId: env.HERALD_LIST_ID ?? "news.herald.localhost",
      accentColor: env.HERALD_ACCENT_COLOR ?? "#b3261e",
    },
    sesConfigurationSet: env.HERALD_SES_CONFIGURATION_SET,
    consentTextVersion: env.HERALD_CONSENT_TEXT_VERSION ?? "1",
    shareEmailsPerDay: Number(env.HERALD_SHARE_EMAILS_PER_DAY ?? 1000),
    confirmationsPerHour: Number(env.HERALD_CONFIRMATIONS_PER_HOUR ?? 1000),
    ...(env.HERALD_CHUNK_SIZE ? { chunkSize: Number(env.HERALD_CHUNK_SIZE) } : {}),
    chunkLeaseSeconds: Number(env.HERALD_CHUNK_LEASE_SECONDS ?? 60),
    socialLeaseSeconds: Number(env.HERALD_SOCIAL_LEASE_SECONDS ?? 120),
    pauseMinSample: Number(env.HERALD_PAUSE_MIN_SAMPLE ?? 100),
    stallSeconds: Number(env.HERALD_STALL_SECONDS ?? 300),
    sources: sourcesFromEnv(env, list(env.HERALD_TOPICS) ?? DEFAULT_TOPICS),
    review: parseReviewSources(env.HERALD_REVIEW),
    briefing: {
      hour: Number(env.HERALD_BRIEFING_HOUR ?? 7),
      timeZone: env.HERALD_BRIEFING_TIME_ZONE ?? "UTC",
    },
    tracking: trackingModeOf(env.HERALD_TRACKING),
  });
}
