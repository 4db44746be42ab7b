import type { AudiencePartition } from "../../domain/audience.js";

/**
 * The leading part of every partition key, one per kind of item. Builders below use them, Queries
 * and parsers strip them, and the stack grants a function its items by them (`dynamodb:LeadingKeys`).
 */
export const PK = {
  subscriber: "SUB#",
  suppression: "SUPP#",
  rateLimit: "RL#",
  audience: "AUD#",
  briefingAudience: "BRF#",
  edition: "ED#",
  shareMark: "SHARE#",
  article: "ART#",
  feedbackMark: "FB#",
  feed: "FEED#",
  feedItem: "FEEDITEM#",
  social: "SOCIAL#",
  session: "SESSION#",
  stats: "STATS#",
  work: "WORK",
  engagementDue: "ENGAGE#",
  /** In the marks table (`MARKS_TABLE_SCHEMA`), and in the main table before 2026-12-07. */
  engagementMark: "ENG#",
  engagementStats: "ESTAT#",
} as const;

/** Sort keys, and the prefixes of those that carry a value (`CHUNK#<key>`): what Queries begin with. */
export const SK = {
  profile: "PROFILE",
  edition: "EDITION",
  render: "RENDER",
  renderCombo: "RENDER#",
  chunk: "CHUNK#",
  feedback: "FEEDBACK#",
  sendCounts: "SENT#",
  sendRate: "RATE#",
  socialIntent: "SOCIAL#",
  feedSeen: "SEEN#",
  rateClaim: "CLAIM",
  statsTotals: "TOTALS#",
  statsDay: "DAY#",
} as const;

/** What follows `prefix` in a key read back from the table. */
const after = (prefix: string) => (key: unknown) => String(key).slice(prefix.length);

/** Key builders for the main table; see `table-schema.ts` for the item catalogue. */
export const keys = {
  subscriber: (id: string) => ({ pk: `${PK.subscriber}${id}`, sk: SK.profile }),
  suppression: (id: string) => ({ pk: `${PK.suppression}${id}`, sk: "SUPPRESSION" }),
  /** The address hash of a suppression item's partition key. */
  suppressedIdFrom: after(PK.suppression),
  /** A client's hits in one window (`windowStart`, epoch seconds), and its claim of a one-off action. */
  rateLimit: (scope: string, clientHash: string, windowStart: number) => ({
    pk: `${PK.rateLimit}${scope}#${clientHash}`,
    sk: String(windowStart),
  }),
  rateLimitClaim: (scope: string, clientHash: string) => ({
    pk: `${PK.rateLimit}${scope}#${clientHash}`,
    sk: SK.rateClaim,
  }),
  audience: (topic: string, cadence: string, shard: number, id: string) => ({
    pk: `${PK.audience}${topic}#${cadence}#${shard}`,
    sk: id,
  }),
  audiencePartition: (p: AudiencePartition) => `${PK.audience}${p.topic}#${p.cadence}#${p.shard}`,
  /** A daily subscriber once more, sorted by topic combination: what a briefing walks. */
  briefingAudience: (shard: number, combo: string, id: string) => ({
    pk: `${PK.briefingAudience}${shard}`,
    sk: `${combo}#${id}`,
  }),
  briefingPartition: (shard: number) => `${PK.briefingAudience}${shard}`,
  briefingRender: (id: string, combo: string) => ({
    pk: `${PK.edition}${id}`,
    sk: `${SK.renderCombo}${combo}`,
  }),
  /** The topic combination of a briefing's render, from its sort key. */
  renderComboFrom: after(SK.renderCombo),
  briefingsIndex: "BRIEFINGS",
  edition: (id: string) => ({ pk: `${PK.edition}${id}`, sk: SK.edition }),
  /** The edition (or briefing) id of any item beside it, from its partition key. */
  editionIdFrom: after(PK.edition),
  render: (id: string) => ({ pk: `${PK.edition}${id}`, sk: SK.render }),
  shares: (id: string) => ({ pk: `${PK.edition}${id}`, sk: "SHARES" }),
  /** One client's share of an edition to a network in a window (a hash; expires with the window). */
  shareMark: (mark: string) => ({ pk: `${PK.shareMark}${mark}`, sk: "MARK" }),
  /** The card's manifest, and its parts: named by the card's hash, so parts are never overwritten. */
  card: (id: string) => ({ pk: `${PK.edition}${id}`, sk: "CARD" }),
  cardPart: (id: string, etag: string, n: number) => ({ pk: `${PK.edition}${id}`, sk: `CARD#${etag}#${n}` }),
  /**
   * Recipients sent in one minute (`YYYY-MM-DDTHH:MM`) by one send-counter shard (`<minute>#<n>`):
   * the send-rate chart, moved as chunks record. Items written before the shards have no `#<n>`.
   */
  sendRate: (id: string, minute: string, shard?: number) => ({
    pk: `${PK.edition}${id}`,
    sk: `${SK.sendRate}${minute}${shard === undefined ? "" : `#${shard}`}`,
  }),
  /** The minute of a send-rate item, from its sort key (without its shard). */
  sendRateMinuteFrom: (sk: unknown) => after(SK.sendRate)(sk).split("#")[0] as string,
  /** Which edition is an article's latest version: a newer version replaces a held or scheduled one. */
  articleLatest: (articleId: string) => ({ pk: `${PK.article}${articleId}`, sk: "LATEST" }),
  editionFeedback: (id: string, shard: number) => ({
    pk: `${PK.edition}${id}`,
    sk: `${SK.feedback}${shard}`,
  }),
  isEditionFeedback: (sk: unknown) => String(sk).startsWith(SK.feedback),
  /** One shard of a fan-out's send counters (sent, failed, …, chunks done), moved as chunks record. */
  sendCounts: (id: string, shard: number) => ({ pk: `${PK.edition}${id}`, sk: `${SK.sendCounts}${shard}` }),
  isSendCounts: (sk: unknown) => String(sk).startsWith(SK.sendCounts),
  chunk: (editionId: string, key: string) => ({ pk: `${PK.edition}${editionId}`, sk: `${SK.chunk}${key}` }),
  /** A chunk's key (`<partition>#<n>`), from its sort key. */
  chunkKeyFrom: after(SK.chunk),
  /** Marks an SES event (message, type, recipient) as applied; see `feedbackMarkPut`. */
  feedbackMark: (mark: string) => ({ pk: `${PK.feedbackMark}${mark}`, sk: "FEEDBACK" }),
  editionsIndex: "EDITIONS",
  /** A polled feed (by a hash of its URL): its state, and one item per guid (hashed) it has shown. */
  feedState: (feed: string) => ({ pk: `${PK.feed}${feed}`, sk: "STATE" }),
  feedSeen: (feed: string, guid: string) => ({ pk: `${PK.feed}${feed}`, sk: `${SK.feedSeen}${guid}` }),
  /** The guid hash of a feed's seen item, from its sort key. */
  feedSeenFrom: after(SK.feedSeen),
  feedItemVersion: (articleId: string) => ({ pk: `${PK.feedItem}${articleId}`, sk: "VERSION" }),
  /** An edition's post to one social account: beside the edition, so its status reads in one Query. */
  socialIntent: (editionId: string, network: string, account: string) => ({
    pk: `${PK.edition}${editionId}`,
    sk: `${SK.socialIntent}${network}#${account}`,
  }),
  /** A social account's refreshed tokens and its needs-a-person flag (`CredentialStore`). */
  socialCredentials: (network: string, account: string) => ({
    pk: `${PK.social}${network}#${account}`,
    sk: "CREDENTIALS",
  }),
  socialAttention: (network: string, account: string) => ({
    pk: `${PK.social}${network}#${account}`,
    sk: "ATTENTION",
  }),
  /** A post's engagement look-up, in the bucket of the hour it is due (`YYYY-MM-DDTHH`). */
  engagementDue: (bucket: string, id: string) => ({ pk: `${PK.engagementDue}${bucket}`, sk: id }),
  /** The configured accounts as the social worker last saw them (no network is named `ACCOUNTS`). */
  socialRegistry: { pk: `${PK.social}ACCOUNTS`, sk: "REGISTRY" },
  /** A console session, by a hash of the cookie's value (TTL at its expiry). */
  session: (idHash: string) => ({ pk: `${PK.session}${idHash}`, sk: "SESSION" }),
  /** The audit log: one partition, sorted by time (admin changes are few). */
  auditPartition: "AUDIT",
  /** Subscriber counters: totals and per-day growth (`YYYY-MM-DD`), each in shards summed on read. */
  statsPartition: `${PK.stats}SUBSCRIBERS`,
  statsTotals: (shard: number) => `${SK.statsTotals}${shard}`,
  statsDay: (day: string, shard: number | "" | "~") => `${SK.statsDay}${day}#${shard}`,
  /** Unfinished work (a fan-out, a sign-up, a confirmation, a social post), deleted when it finishes. */
  work: (kind: string, id: string) => ({ pk: PK.work, sk: `${kind}#${id}` }),
  workPartition: PK.work,
};

/**
 * The SES events queue keeps an event for days at most; a mark outlives that by far and then expires (TTL), so the
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
