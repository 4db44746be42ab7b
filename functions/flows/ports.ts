import type { Logger } from "@aws-lambda-powertools/logger";
import type { Article } from "../domain/article.js";
import type { AudiencePartition } from "../domain/audience.js";
import type { ChunkState, EntryResult, Outcome, Tally } from "../domain/chunk.js";
import type { Config, Secrets } from "../domain/config.js";
import type { Counts, EditionStatus } from "../domain/edition.js";
import type { FeedbackCounter } from "../domain/ses-event.js";
import type { Subscriber } from "../domain/subscriber.js";
import type { RenderedEdition } from "../render/rendered.js";
import type { Pacer } from "./pacer.js";

/**
 * The ports the flows talk through. Adapters implement them over DynamoDB, SES and SQS; the
 * composition roots (AWS and local) wire them. Nothing here knows a wire format.
 */

export interface PlanCheckpoint {
  /** Next chunk number in this partition. */
  next: number;
  /** Last audience key consumed; the next Query starts after it. */
  after?: string;
  done: boolean;
}

export interface EditionRecord {
  id: string;
  article: Article;
  status: EditionStatus;
  counts: Counts;
  createdAt: string;
  updatedAt: string;
  plan: Record<string, PlanCheckpoint>;
  planDone: boolean;
  chunksTotal: number;
  chunksDone: number;
  statusReason?: string;
  /** The counts when an editor last resumed the edition: auto-pause judges what came after. */
  rateBaseline?: Counts;
}

/** How one SES event landed on its edition: `duplicate` when its mark was applied before. */
export type FeedbackCount = "counted" | "duplicate" | "no-edition";

export interface EditionRepo {
  /** Records a new edition; when one with this id exists already, returns it instead. */
  create(edition: EditionRecord): Promise<{ created: boolean; edition: EditionRecord }>;
  get(id: string): Promise<EditionRecord | undefined>;
  list(limit: number, cursor?: string): Promise<{ editions: EditionRecord[]; cursor?: string }>;
  /** Moves the status only if it is one of `from`; says whether it moved. */
  transition(id: string, from: EditionStatus[], to: EditionStatus, reason?: string): Promise<boolean>;
  /** Advances one partition's checkpoint if nobody else did, adding what was enqueued to the counts. */
  checkpoint(
    id: string,
    partition: string,
    previous: PlanCheckpoint | undefined,
    next: PlanCheckpoint,
    added: { recipients: number; chunks: number },
  ): Promise<boolean>;
  finishPlan(id: string): Promise<void>;
  /** Marks a sending edition `sent` once planning is done and every chunk is worked off. */
  completeIfFinished(id: string): Promise<boolean>;
  saveRender(id: string, rendered: RenderedEdition): Promise<void>;
  /** Counts one reader share of the edition to `network`. */
  countShare(id: string, network: string): Promise<void>;
  /** Reader shares so far, by network. */
  shares(id: string): Promise<Record<string, number>>;
  getRender(id: string): Promise<RenderedEdition | undefined>;
  /**
   * Adds one to an SES feedback counter, once per `mark` however often SNS delivers the event: the
   * mark (a small item with a TTL) and the counter move in one transaction.
   */
  countFeedback(id: string, counter: FeedbackCounter, mark: string): Promise<FeedbackCount>;
  /** `paused → sending`, clearing the reason and keeping `baseline` (the counts now) for auto-pause. */
  resume(id: string, baseline: Counts): Promise<boolean>;
}

export interface ChunkRecord extends ChunkState {
  editionId: string;
  key: string;
  lastKey: string;
  done: boolean;
  version: number;
  leaseUntil?: number;
}

export interface ChunkRepo {
  /** Creates the chunk unless it exists; either way returns the chunk as stored. */
  createOrGet(editionId: string, key: string, recipients: string[], lastKey: string): Promise<ChunkRecord>;
  get(editionId: string, key: string): Promise<ChunkRecord | undefined>;
  /** Takes the lease and marks `inflight`, if the chunk is still at `version`. */
  claim(chunk: ChunkRecord, leaseUntil: number, inflight: string[]): Promise<ChunkRecord | undefined>;
  /** Records outcomes, releases the lease and moves the edition's counters, atomically. */
  record(
    chunk: ChunkRecord,
    outcomes: Record<string, Outcome>,
    done: boolean,
    tally: Tally,
  ): Promise<boolean>;
  /** Keys of the edition's chunks that are not done yet, a page at a time (to re-queue them). */
  undone(editionId: string): AsyncIterable<string[]>;
}

export interface AudienceMember {
  id: string;
  topics: string[];
}

export interface AudienceRepo {
  page(
    partition: AudiencePartition,
    after: string | undefined,
    limit: number,
  ): Promise<{ members: AudienceMember[]; more: boolean }>;
}

export interface SubscriberRepo {
  get(id: string): Promise<Subscriber | undefined>;
  getMany(ids: string[]): Promise<Map<string, Subscriber>>;
  /** Stores a new subscriber (and, when active, its audience entries); false if the address exists. */
  insert(subscriber: Subscriber): Promise<boolean>;
  /**
   * Writes `next` over `previous` (as it was read) in one transaction with the audience entries it
   * implies: entries are added, moved or deleted so that only an active subscriber is in any
   * audience. False when the record changed since it was read (read again and retry).
   */
  save(next: Subscriber, previous: Subscriber): Promise<boolean>;
  /** Deletes the record and its audience entries (erasure); the suppression list keeps the hash. */
  erase(previous: Subscriber): Promise<boolean>;
  /**
   * Adds one soft bounce to `previous` (as it was read), once per `mark`, in one transaction with the
   * mark. `changed` when the record moved since it was read (read again and retry).
   */
  countSoftBounce(previous: Subscriber, mark: string): Promise<"counted" | "duplicate" | "changed">;
  /** Every subscriber, a page at a time, for the export. */
  all(): AsyncIterable<Subscriber[]>;
}

export type SuppressionReason = "bounce" | "complaint" | "erased" | "manual";

/**
 * The suppression list: hashed addresses (subscriber ids) never mailed again, whatever the kind of
 * send. It is the source of truth every sender checks; a subscriber's `suppressed` status mirrors it.
 */
export interface SuppressionRepo {
  /** The ids among `ids` that are suppressed. */
  suppressedAmong(ids: string[]): Promise<Set<string>>;
  add(id: string, reason: SuppressionReason, at: string): Promise<void>;
  /** Lifts a suppression (an admin's decision); false if there was none. */
  clear(id: string): Promise<boolean>;
}

/** Counts a client's requests per window, across every process that serves the API. */
export interface RateLimiter {
  hit(
    scope: string,
    client: string,
    limit: number,
    windowSeconds: number,
  ): Promise<{ ok: true } | { ok: false; retryAfter: number }>;
}

export interface BulkEntry {
  to: string;
  data: Record<string, string>;
  headers: Array<{ name: string; value: string }>;
}

export interface BulkMessage {
  from: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  entries: BulkEntry[];
  tags: Record<string, string>;
}

/** The whole call was refused for rate: nothing was sent, try again later. */
export class MailerThrottled extends Error {
  override name = "MailerThrottled";
}

/** SES answered the call with an error: nothing was sent. (A timeout is neither: SES may have sent.) */
export class MailerRejected extends Error {
  override name = "MailerRejected";
}

/** One email to one address (confirmations): no template, no list headers. */
export interface SingleMessage {
  from: string;
  replyTo?: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  tags: Record<string, string>;
}

export interface Mailer {
  /**
   * One result per entry, in order. Throws {@link MailerThrottled} when the whole call was throttled,
   * {@link MailerRejected} when SES refused it otherwise; anything else leaves the outcome unknown.
   */
  sendBulk(message: BulkMessage): Promise<EntryResult[]>;
  /** Sends one message; throws like `sendBulk` when SES refuses it. */
  sendOne(message: SingleMessage): Promise<{ messageId: string }>;
}

export interface Queue<T> {
  send(messages: T[]): Promise<void>;
}

/**
 * Work for the render function, the only one that loads MJML: an edition to render and plan, or a
 * confirmation email to render and send (the API queues it, so it never loads MJML itself).
 */
export type RenderJob = { editionId: string } | { confirmSubscriber: string };

export interface SendJob {
  editionId: string;
  chunk: string;
}

/** What the feed poller remembers about one feed between polls. */
export interface FeedState {
  url: string;
  etag?: string;
  lastModified?: string;
  /** The first successful poll only records what the feed holds; later polls publish what is new. */
  primed: boolean;
  /** Failed polls in a row; none is tried before `nextPollAt`. */
  failures: number;
  nextPollAt?: string;
  lastError?: string;
  lastPolledAt?: string;
  lastSuccessAt?: string;
}

export interface FeedStateRepo {
  get(url: string): Promise<FeedState | undefined>;
  save(state: FeedState): Promise<void>;
  /** The guids among `guids` that this feed has already shown. */
  seenAmong(url: string, guids: string[]): Promise<Set<string>>;
  markSeen(url: string, guids: string[]): Promise<void>;
  /** The version `articleId` was first published with: `version` the first time, the stored one after. */
  pinVersion(articleId: string, version: string): Promise<string>;
}

export interface FeedRequest {
  url: string;
  etag?: string;
  lastModified?: string;
}

export type FeedResponse =
  | { status: "not-modified" }
  | { status: "ok"; body: string; etag?: string; lastModified?: string };

/** A conditional GET of a feed; throws on network errors, timeouts and HTTP errors. */
export interface FeedFetcher {
  fetch(request: FeedRequest): Promise<FeedResponse>;
}

export interface Ports {
  config: Config;
  secrets: Secrets;
  editions: EditionRepo;
  chunks: ChunkRepo;
  audience: AudienceRepo;
  subscribers: SubscriberRepo;
  suppressions: SuppressionRepo;
  rateLimiter: RateLimiter;
  mailer: Mailer;
  /** Paces bulk sends to this worker's share of the SES quota. */
  pacer: Pacer;
  editionQueue: Queue<RenderJob>;
  sendQueue: Queue<SendJob>;
  feeds: FeedStateRepo;
  log: Logger;
  now: () => Date;
}
