import type { AudiencePartition } from "../../domain/audience.js";

/** Key builders for the single table; see `table-schema.ts` for the item catalogue. */
export const keys = {
  subscriber: (id: string) => ({ pk: `SUB#${id}`, sk: "PROFILE" }),
  suppression: (id: string) => ({ pk: `SUPP#${id}`, sk: "SUPPRESSION" }),
  audience: (topic: string, cadence: string, shard: number, id: string) => ({
    pk: `AUD#${topic}#${cadence}#${shard}`,
    sk: id,
  }),
  audiencePartition: (p: AudiencePartition) => `AUD#${p.topic}#${p.cadence}#${p.shard}`,
  /** A daily subscriber once more, sorted by topic combination: what a briefing walks. */
  briefingAudience: (shard: number, combo: string, id: string) => ({
    pk: `BRF#${shard}`,
    sk: `${combo}#${id}`,
  }),
  briefingPartition: (shard: number) => `BRF#${shard}`,
  briefingRender: (id: string, combo: string) => ({ pk: `ED#${id}`, sk: `RENDER#${combo}` }),
  briefingsIndex: "BRIEFINGS",
  edition: (id: string) => ({ pk: `ED#${id}`, sk: "EDITION" }),
  render: (id: string) => ({ pk: `ED#${id}`, sk: "RENDER" }),
  shares: (id: string) => ({ pk: `ED#${id}`, sk: "SHARES" }),
  /** One client's share of an edition to a network in a window (a hash; expires with the window). */
  shareMark: (mark: string) => ({ pk: `SHARE#${mark}`, sk: "MARK" }),
  /** The card's manifest, and its parts: named by the card's hash, so parts are never overwritten. */
  card: (id: string) => ({ pk: `ED#${id}`, sk: "CARD" }),
  cardPart: (id: string, etag: string, n: number) => ({ pk: `ED#${id}`, sk: `CARD#${etag}#${n}` }),
  /** Recipients sent in one minute (`YYYY-MM-DDTHH:MM`): the send-rate chart, moved as chunks record. */
  sendRate: (id: string, minute: string) => ({ pk: `ED#${id}`, sk: `RATE#${minute}` }),
  sendRatePrefix: "RATE#",
  /** Which edition is an article's latest version: a newer version replaces a held or scheduled one. */
  articleLatest: (articleId: string) => ({ pk: `ART#${articleId}`, sk: "LATEST" }),
  editionFeedback: (id: string, shard: number) => ({ pk: `ED#${id}`, sk: `FEEDBACK#${shard}` }),
  chunk: (editionId: string, key: string) => ({ pk: `ED#${editionId}`, sk: `CHUNK#${key}` }),
  /** Marks an SES event (message, type, recipient) as applied; see `feedbackMarkPut`. */
  feedbackMark: (mark: string) => ({ pk: `FB#${mark}`, sk: "FEEDBACK" }),
  editionsIndex: "EDITIONS",
  /** A polled feed (by a hash of its URL): its state, and one item per guid (hashed) it has shown. */
  feedState: (feed: string) => ({ pk: `FEED#${feed}`, sk: "STATE" }),
  feedSeen: (feed: string, guid: string) => ({ pk: `FEED#${feed}`, sk: `SEEN#${guid}` }),
  feedItemVersion: (articleId: string) => ({ pk: `FEEDITEM#${articleId}`, sk: "VERSION" }),
  /** An edition's post to one social account: beside the edition, so its status reads in one Query. */
  socialIntent: (editionId: string, network: string, account: string) => ({
    pk: `ED#${editionId}`,
    sk: `SOCIAL#${network}#${account}`,
  }),
  socialIntentPrefix: "SOCIAL#",
  /** A social account's refreshed tokens and its needs-a-person flag (`CredentialStore`). */
  socialCredentials: (network: string, account: string) => ({
    pk: `SOCIAL#${network}#${account}`,
    sk: "CREDENTIALS",
  }),
  socialAttention: (network: string, account: string) => ({
    pk: `SOCIAL#${network}#${account}`,
    sk: "ATTENTION",
  }),
  /** A post's engagement look-up, in the bucket of the hour it is due (`YYYY-MM-DDTHH`). */
  engagementDue: (bucket: string, id: string) => ({ pk: `ENGAGE#${bucket}`, sk: id }),
  /** The configured accounts as the social worker last saw them (no network is named `ACCOUNTS`). */
  socialRegistry: { pk: "SOCIAL#ACCOUNTS", sk: "REGISTRY" },
  /** A console session, by a hash of the cookie's value (TTL at its expiry). */
  session: (idHash: string) => ({ pk: `SESSION#${idHash}`, sk: "SESSION" }),
  /** The audit log: one partition, sorted by time (admin changes are few). */
  auditPartition: "AUDIT",
  /** Subscriber counters: totals and per-day growth, each in shards summed on read. */
  statsPartition: "STATS#SUBSCRIBERS",
  /** Unfinished work (a fan-out, a sign-up, a confirmation, a social post), deleted when it finishes. */
  work: (kind: string, id: string) => ({ pk: "WORK", sk: `${kind}#${id}` }),
  workPartition: "WORK",
};

/**
 * SNS retries a delivery for days at most; a mark outlives that by far and then expires (TTL), so the
 * table does not keep one item per email ever sent.
 */
const FEEDBACK_MARK_DAYS = 30;

/** The conditional put that makes an SES event count once: it fails if the mark exists. */
export function feedbackMarkPut(table: string, mark: string, now: Date) {
  return {
    TableName: table,
    Item: { ...keys.feedbackMark(mark), ttl: Math.floor(now.getTime() / 1000) + FEEDBACK_MARK_DAYS * 86400 },
    ConditionExpression: "attribute_not_exists(pk)",
  };
}

/** Which items of a cancelled transaction failed their condition (`CancellationReasons`, in order). */
export function cancelledItems(error: unknown): boolean[] {
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  return reasons.map((r) => r.Code === "ConditionalCheckFailed");
}

/**
 * A write refused because an item was not as the condition said: a conditional write's
 * `ConditionalCheckFailedException`, or a transaction cancelled with a `ConditionalCheckFailed`
 * reason. A transaction cancelled for anything else (a conflict, throttling) is not one.
 */
export function isConditionFailure(error: unknown): boolean {
  const e = error as { name?: string; CancellationReasons?: Array<{ Code?: string }> } | undefined;
  if (e?.name === "ConditionalCheckFailedException") return true;
  if (e?.name !== "TransactionCanceledException") return false;
  return (e.CancellationReasons ?? []).some((r) => r.Code === "ConditionalCheckFailed");
}
