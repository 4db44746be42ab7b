import type { Article } from "../../domain/article.js";
import type { ChunkState, Outcome, Tally } from "../../domain/chunk.js";
import type { Counts, EditionStatus } from "../../domain/edition.js";
import type { ArticleSource } from "../../domain/editorial.js";
import type { RenderedEdition } from "../../domain/rendered.js";
import type { FeedbackCounter } from "../../domain/ses-event.js";
import type { ShareOnce } from "../../domain/share-count.js";

/** Editions, their renders and their send chunks: what the planner and the send worker keep. */

export interface PlanCheckpoint {
  /** Next chunk number in this partition. */
  next: number;
  /** Last audience key consumed; the next Query starts after it. */
  after?: string;
  done: boolean;
}

/**
 * What every fan-out keeps, an edition's or a daily briefing's: status, counters and plan
 * checkpoints on one item, so the planner, the send worker and SES feedback work the same for both.
 */
export interface SendProgress {
  id: string;
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
  /** The last time a chunk was recorded or a plan checkpoint moved (ISO); status changes move `updatedAt`. */
  progressAt?: string;
  /** The last time the recovery pass queued its work again (ISO). */
  recoveredAt?: string;
}

/** A fan-out's status as a send worker reads it under its claim (`EditionRepo.fence`). */
export interface SendFence {
  status: EditionStatus;
  /** The sends counted when auto-pause's sample last started (a resume restarts it); 0 before. */
  baselineSent: number;
}

/** The editorial fields an edition carries besides its progress (see `domain/editorial.ts`). */
export interface EditorialFields {
  /** Where the article came from; decides review mode. */
  source?: ArticleSource;
  /** Held for an editor once rendered (review mode, or the webhook asked for it). */
  review?: boolean;
  /** Not sent before this (ISO); while `scheduled`, when it goes. */
  sendAt?: string;
  heldSince?: string;
  approvedAt?: string;
  /** The newer version of the article that replaced this one before it was sent. */
  supersededBy?: string;
}

export interface EditionRecord extends SendProgress, EditorialFields {
  article: Article;
}

/** An edition as a list shows it: of its article only what names it. */
export interface EditionSummary extends SendProgress, EditorialFields {
  article: Pick<Article, "id" | "version" | "title">;
}

/**
 * A conditional status change: `from` → `to`, setting or removing editorial fields with it.
 * `ifLatestOf` (an article id) also requires the edition to be that article's latest version, in the
 * same write, so a version replaced meanwhile is never held or scheduled.
 */
export interface StatusMove {
  from: EditionStatus[];
  to: EditionStatus;
  reason?: string;
  set?: Partial<Omit<EditorialFields, "source" | "review">>;
  remove?: Array<keyof Omit<EditorialFields, "source" | "review">>;
  ifLatestOf?: string;
}

/** `moved`; `status`: it was in none of `from`; `superseded`: it is no longer its article's latest. */
export type MoveResult = "moved" | "status" | "superseded";

/** How one SES event landed on its edition: `duplicate` when its mark was applied before. */
export type FeedbackCount = "counted" | "duplicate" | "no-edition";

export interface EditionRepo {
  /** Records a new edition; when one with this id exists already, returns it instead. */
  create(edition: EditionRecord): Promise<{ created: boolean; edition: EditionRecord }>;
  get(id: string): Promise<EditionRecord | undefined>;
  /** The progress of any fan-out by id, an edition's or a briefing's. */
  progress(id: string): Promise<SendProgress | undefined>;
  /**
   * What a send worker reads under its claim, strongly consistent: the fan-out's status (the fence
   * of pause and cancel) and the sends its auto-pause sample starts from (`rateBaseline.sent`, 0).
   * One small read: not the counters, which a chunk needs only while the fan-out is young.
   */
  fence(id: string): Promise<SendFence | undefined>;
  /** Editions recorded after `from` up to `until` (ISO times), oldest first, a page at a time. */
  createdBetween(from: string, until: string): AsyncIterable<EditionRecord[]>;
  /**
   * Newest first, a page at a time. Feedback counters may be a few seconds behind (consoles poll
   * the list); `get` reads them as they are.
   */
  list(limit: number, cursor?: string): Promise<{ editions: EditionSummary[]; cursor?: string }>;
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
  /** Counts one reader share of the edition to `network`; with `once`, only if its mark is new. */
  countShare(id: string, network: string, once?: ShareOnce): Promise<void>;
  /** Reader shares so far, by network. */
  shares(id: string): Promise<Record<string, number>>;
  getRender(id: string): Promise<RenderedEdition | undefined>;
  /**
   * Adds one to an SES feedback counter, once per `mark` however often the queue delivers the event: the
   * mark (a small item with a TTL) and the counter move in one transaction.
   */
  countFeedback(id: string, counter: FeedbackCounter, mark: string): Promise<FeedbackCount>;
  /** `paused → sending`, clearing the reason and keeping `baseline` (the counts now) for auto-pause. */
  resume(id: string, baseline: Counts): Promise<boolean>;
  /** Notes that the recovery pass queued the fan-out's work again at `at`. */
  markRecovered(id: string, at: Date): Promise<void>;
  /** Moves the status and editorial fields together, conditionally (see {@link StatusMove}). */
  move(id: string, change: StatusMove): Promise<MoveResult>;
  /**
   * Records `editionId` as its article's latest version unless one published later holds the mark;
   * returns the edition it replaced, if any.
   */
  markLatest(articleId: string, editionId: string, createdAt: string): Promise<string | undefined>;
  /** Recipients sent per minute (`YYYY-MM-DDTHH:MM`), oldest first: counters kept as chunks record. */
  sendRate(id: string): Promise<Array<{ minute: string; sent: number }>>;
}

export interface ChunkRecord extends ChunkState {
  editionId: string;
  /** Which render its recipients get, when a fan-out has several (a briefing's topic combination). */
  variant?: string;
  key: string;
  lastKey: string;
  done: boolean;
  version: number;
  leaseUntil?: number;
}

export interface ChunkRepo {
  /** Creates the chunk unless it exists; either way returns the chunk as stored. */
  createOrGet(
    editionId: string,
    key: string,
    recipients: string[],
    lastKey: string,
    variant?: string,
  ): Promise<ChunkRecord>;
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
  /** Keys of the edition's chunks whose lease runs past `nowMs`: claimed, outcome not recorded yet. */
  leased(editionId: string, nowMs: number): Promise<string[]>;
  /** Keys of the edition's chunks that are not done yet, a page at a time (to re-queue them). */
  undone(editionId: string): AsyncIterable<string[]>;
  /**
   * The chunks not done yet, each with its lease (epoch ms) if an attempt holds or held one, a page
   * at a time: recovery queues again those whose lease is absent or over.
   */
  unfinished(editionId: string): AsyncIterable<Array<{ key: string; leaseUntil?: number }>>;
}
