import * as z from "zod";
import { Role } from "../domain/access/admin-keys.js";
import { AuditEntry } from "../domain/access/audit-entry.js";
import { Counts, EditionStatus } from "../domain/edition.js";
import { Subscriber } from "../domain/subscriber.js";

/** Request and response shapes: the handlers' types and the source of the OpenAPI document. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const PublishResponse = z.object({
  editionId: z.string(),
  status: EditionStatus,
  duplicate: z.boolean().optional(),
});

/** A post's counts as the network gave them (absent: not given), or why the look-up gave up. */
const EngagementSnapshot = z.object({
  at: z.string(),
  likes: z.number().optional(),
  reposts: z.number().optional(),
  replies: z.number().optional(),
  quotes: z.number().optional(),
  error: z.string().optional(),
  tries: z.number().optional(),
});

/** One edition's post to one account (`attempting` shows as `pending`). */
export const SocialPostView = z.object({
  network: z.string(),
  account: z.string(),
  status: z.enum(["posted", "failed", "unknown", "pending"]),
  url: z.string().optional(),
  /** The network's words on the last failed or unresolved call. */
  error: z.string().optional(),
  /** A note that is not an error: a duplicate counted as posted, a person must check the account. */
  message: z.string().optional(),
  /** Publish calls made so far. */
  attempts: z.number(),
  /** When a call will be made again (rate limit, a lookup to come). */
  retryAt: z.string().optional(),
  updatedAt: z.string(),
  /** Read an hour (`1h`) and a day (`1d`) after the post; absent until made. */
  engagement: z
    .object({ "1h": EngagementSnapshot.optional(), "1d": EngagementSnapshot.optional() })
    .optional(),
});

export const SocialAccountsView = z.object({
  accounts: z.array(
    z.object({
      network: z.string(),
      account: z.string(),
      status: z.enum(["ok", "needs_attention"]),
      /** Why a person must act (the network's words). */
      reason: z.string().optional(),
      /** Since when (ISO). */
      since: z.string().optional(),
    }),
  ),
});

/**
 * A fan-out as an editor sees it: the stored status, or `stalled` when it is queued or sending and
 * has not moved for the stall time (`HERALD_STALL_SECONDS`); resuming a stalled one queues its work again.
 */
export const ShownStatus = z.union([EditionStatus, z.literal("stalled")]);

/** Since when a stalled fan-out has not moved, and how many planned recipients have no outcome yet. */
const Movement = {
  stalledSince: z.string().optional(),
  remaining: z.number(),
};

/** Bounce and complaint rates beside the limits that pause a send (`domain/send-health.ts`). */
export const SendHealthView = z.object({
  /** Recipients sent that the rates are judged on (since the last resume, when there was one). */
  sent: z.number(),
  bounceRate: z.number(),
  complaintRate: z.number(),
  bounceLimit: z.number(),
  complaintLimit: z.number(),
  minSample: z.number(),
  /** Enough sent for the rates to pause it. */
  judged: z.boolean(),
});

/** Recipients sent per minute (UTC, `YYYY-MM-DDTHH:MM`), oldest first: maintained counters. */
export const SendRateView = z.array(z.object({ minute: z.string(), sent: z.number() }));

/** The email as a reader sees it; personal links point at the harmless web version. */
export const EmailPreview = z.object({
  subject: z.string(),
  preheader: z.string(),
  html: z.string(),
  text: z.string(),
});

/** What the editorial controls add to an edition's and a briefing's view. */
const ControlFields = {
  health: SendHealthView,
  /** In the single view only. */
  sendRate: SendRateView.optional(),
};

export const EditionView = z.object({
  id: z.string(),
  articleId: z.string(),
  version: z.string(),
  title: z.string(),
  status: ShownStatus,
  statusReason: z.string().optional(),
  createdAt: z.string(),
  /** Where the article came from: webhook, ghost, wordpress or feeds. */
  source: z.string().optional(),
  /** Held for an editor's approval once rendered. */
  review: z.boolean().optional(),
  /** Not sent before this; while `scheduled`, when it goes. */
  sendAt: z.string().optional(),
  heldSince: z.string().optional(),
  approvedAt: z.string().optional(),
  /** The newer version of the article that replaced this one before it was sent. */
  supersededBy: z.string().optional(),
  counts: Counts,
  ...Movement,
  ...ControlFields,
  /** The edition's posts to the newsroom's accounts; in the single-edition view only (empty in lists). */
  social: z.array(SocialPostView),
  /** Reader shares by network (`GET /v1/share/…`); in the single-edition view only. */
  shares: z.record(z.string(), z.number()).optional(),
});

export const EditionList = z.object({ editions: z.array(EditionView), cursor: z.string().optional() });

export const BriefingView = z.object({
  id: z.string(),
  /** The newsroom's local date, YYYYMMDD. */
  day: z.string(),
  status: ShownStatus,
  statusReason: z.string().optional(),
  createdAt: z.string(),
  ...Movement,
  /** Editions recorded after `from` up to `until` are in it. */
  window: z.object({ from: z.string(), until: z.string() }),
  /** The editions it carries, newest first. */
  editions: z.array(z.string()),
  counts: Counts,
  /** Distinct topic combinations rendered (one render each, whatever the number of subscribers). */
  renders: z.number().optional(),
  /** Their names (`GET /v1/briefings/{id}/renders/{combo}` shows each); in the single view only. */
  combos: z.array(z.string()).optional(),
  ...ControlFields,
});

export const BriefingList = z.object({ briefings: z.array(BriefingView), cursor: z.string().optional() });

export const BriefingStarted = z.object({ briefingId: z.string(), created: z.boolean() });

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

/** A subscriber as the admin API shows it: the stored record, as the domain defines it. */
export const SubscriberView = Subscriber;

export const ImportResult = z.object({
  imported: z.number(),
  skipped: z.number(),
  errors: z.array(z.object({ line: z.number(), message: z.string() })),
});

/** Console sign-in: an admin key, exchanged for a session cookie. */
export const SessionRequest = z.object({ key: z.string().min(1).max(500) });

export const SessionView = z.object({
  /** The admin key's name and role. */
  name: z.string(),
  role: Role,
  /** Send it back as `x-csrf-token` with every request that changes something. */
  csrfToken: z.string(),
  /** When the session ends (ISO 8601). */
  expiresAt: z.string(),
});

export const AuditPageView = z.object({ items: z.array(AuditEntry), nextCursor: z.string().optional() });
