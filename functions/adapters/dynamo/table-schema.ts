/**
 * The main table's shape, shared by the local bootstrap (CreateTable on DynamoDB Local) and the
 * CDK stack, so the two cannot drift. Items (pk / sk):
 * - `SUB#<id>` / `PROFILE`            a subscriber
 * - `SUPP#<id>` / `SUPPRESSION`      a suppressed address, by hash only (survives erasure)
 * - `RL#<scope>#<client hash>` / `<window start>`  a rate-limit counter (TTL)
 * - `AUD#<topic>#<cadence>#<shard>` / `<id>`  audience membership of an active subscriber
 * - `ED#<id>` / `EDITION`             an edition (status, planned count, plan checkpoints); gsi1 lists them newest first
 * - `ED#<id>` / `SENT#<0..7>`         its send counters (sent, failed, skipped, unknown, cancelled, chunksDone,
 *                                     progressAt) in 8 shards, one per chunk by its key, summed on read
 *                                     with the edition item's own; moved in each chunk's record transaction
 * - `ED#<id>` / `RENDER`              the rendered edition (compressed)
 * - `ED#<id>` / `CARD`                the social card's manifest (part count, size, sha256 ETag), written after
 *                                     its parts, so a reader finds either no card or a whole one
 * - `ED#<id>` / `CARD#<etag>#<n>`     part n of the card PNG (≤ 350 KB each: an item holds 400 KB at most);
 *                                     the ETag in the key means a second render never overwrites a part
 * - `ED#<id>` / `SHARES`              reader shares by network (kept apart from the busy edition item)
 * - `SHARE#<hash>` / `MARK`           one client's share of an edition to a network today (TTL)
 * - `ED#<id>` / `FEEDBACK#<0..7>`     SES feedback counters (bounced, complained, delivered, opened, clicked,
 *                                     failed) in 8 shards summed on read, also apart from the edition item
 * - `FB#<SES message id>#<event type>#<subscriber id>` / `FEEDBACK`  marks an SES event as applied, so a
 *                                     redelivered event counts once (TTL: 30 days); not for tagged deliveries:
 * - `ED#<id>` / `DLV#<chunk tag>`     the positions of a chunk counted as delivered, and a version
 *                                     (counted per batch: delivery-counts.ts; TTL: 30 days)
 * - `ED#<id>` / `CHUNK#<partition>#<n>` a send chunk and its per-recipient outcomes
 * - `ED#<id>` / `RATE#<YYYY-MM-DDTHH:MM>#<0..7>`  recipients sent in that minute by one send shard
 *                                     (the send-rate chart; summed per minute on read)
 * - `ESTAT#<email id>#<0..7>` / `T#<minute or hour>`, then `TOTAL#MSG` and `TOTAL#LINK#<key>`  an
 *                                     edition's or briefing's engagement counters in 8 shards; the totals
 *                                     sort after the buckets, so one Query a shard reads both
 * - `ESTAT#<email id>` / `ROLLUP`     its closed timeline buckets, folded into one compressed item
 * - `AUDSTAT#<0..7>` / `DAY#<YYYY-MM-DD>`  the audience series' counters per day, in shards summed on read
 * - `ART#<article id>` / `LATEST`     the article's latest edition: a newer version replaces a held one
 * - `FEED#<url hash>` / `STATE` and `SEEN#<guid hash>`  a polled feed (ETag, backoff) and the guids it has shown
 * - `FEEDITEM#<article id>` / `VERSION`  the version a feed item was first published with (edits never resend)
 * - `ED#<id>` / `SOCIAL#<network>#<account>`  the edition's post to one social account: status, lease,
 *                                     attempts, url, the network's last messages (exactly once per account)
 * - `SOCIAL#<network>#<account>` / `CREDENTIALS`  tokens an adapter refreshed itself (versioned, conditional)
 * - `SOCIAL#<network>#<account>` / `ATTENTION`    the account's credentials are dead: why, and since when
 * - `SOCIAL#ACCOUNTS` / `REGISTRY`    the configured accounts as the social worker last saw its settings
 * - `SESSION#<hash of session id>` / `SESSION`  a console session: key name, role, CSRF token (TTL)
 * - `AUDIT` / `<at>#<random>`         one change made through the admin API (who, what, on what)
 * - `STATS#SUBSCRIBERS` / `TOTALS#<0..7>` and `DAY#<YYYY-MM-DD>#<0..7>`  subscriber counters: totals by
 *                                     status, topic and cadence, and growth per day, in shards summed on read
 * - `WORK` / `<kind>#<id>`            unfinished work (a fan-out, a confirmation, a social post): put when it
 *                                     starts, deleted when it finishes; the recovery pass reads only these
 */
export const TABLE_SCHEMA = {
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "ttl",
  indexes: [{ name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" }],
} as const satisfies TableSchema;

/**
 * The engagement marks' own table: `ENG#<subscriber id>` / `<edition or briefing id>`, a recipient's
 * clicks and opens of one email (TTL: its tracking tokens' life and a day). The most written,
 * shortest-lived items, apart from the main table: its backups, PITR and export Scan never carry
 * them, and no index is maintained for them (DynamoDB Local writes a table without one 21–62 %
 * faster; docs/analytics.md).
 */
export const MARKS_TABLE_SCHEMA = {
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "ttl",
  indexes: [],
} as const satisfies TableSchema;

/** A table's key attributes, TTL attribute and global secondary indexes (all keys strings). */
export interface TableSchema {
  partitionKey: string;
  sortKey: string;
  ttlAttribute: string;
  indexes: ReadonlyArray<{ name: string; partitionKey: string; sortKey: string }>;
}
