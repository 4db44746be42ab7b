/** The API's answers as the console reads them (functions/api/schemas.ts is the contract). */
export interface Session {
  name: string;
  role: "viewer" | "editor" | "admin";
  csrfToken: string;
  expiresAt: string;
}

export type Counts = Record<string, number> & { planned: number; sent: number };

/** One engagement look-up as stored with a post: counts (absent: the network gives none), or why it gave up. */
export interface EngagementSnapshot {
  at: string;
  likes?: number;
  reposts?: number;
  replies?: number;
  quotes?: number;
  error?: string;
  tries?: number;
}

export interface SocialPost {
  network: string;
  account: string;
  status: string;
  url?: string;
  error?: string;
  message?: string;
  attempts?: number;
  updatedAt?: string;
  /** Read an hour (`1h`) and a day (`1d`) after the post; a look-up not yet made is absent. */
  engagement?: { "1h"?: EngagementSnapshot; "1d"?: EngagementSnapshot };
}

/** Bounce and complaint rates beside the limits that pause a send. */
export interface Health {
  sent: number;
  bounceRate: number;
  complaintRate: number;
  bounceLimit: number;
  complaintLimit: number;
  minSample: number;
  judged: boolean;
}

interface Control {
  health?: Health;
  /** Recipients sent per minute (UTC `YYYY-MM-DDTHH:MM`), oldest first. */
  sendRate?: Array<{ minute: string; sent: number }>;
}

export interface Edition extends Control {
  id: string;
  title: string;
  status: string;
  statusReason?: string;
  /** While `stalled`: since when nothing moved. */
  stalledSince?: string;
  /** Planned recipients with no outcome yet. */
  remaining?: number;
  sendAt?: string;
  heldSince?: string;
  approvedAt?: string;
  supersededBy?: string;
  source?: string;
  createdAt: string;
  counts: Counts;
  social?: SocialPost[];
  shares?: Record<string, number>;
}

export interface Briefing extends Control {
  id: string;
  day: string;
  status: string;
  statusReason?: string;
  stalledSince?: string;
  remaining?: number;
  createdAt: string;
  window?: { from: string; until: string };
  editions?: string[];
  counts: Counts;
  renders?: number;
  /** Topic combinations rendered, as `business+world` (single view only). */
  combos?: string[];
}

export interface EmailView {
  subject: string;
  preheader?: string;
  html: string;
  text: string;
}

export interface AuditItem {
  at: string;
  actor: string;
  role?: string;
  action: string;
  target?: string;
  details?: unknown;
}

/** `GET /v1/editions/{id}/stats` and `/v1/briefings/{id}/stats` (the engagement stats contract). */
export interface EngagementStats {
  id: string;
  tracking: "off" | "clicks" | "opens,clicks";
  clicks: { humanRecipients: number; humanTotal: number; machineTotal: number } | null;
  opens: {
    humanRecipients: number;
    machineOnlyRecipients: number;
    humanTotal: number;
    machineTotal: number;
  } | null;
  unsubscribes: { total: number; byWay: Record<string, number> };
  links: Array<{ url: string; humanUnique: number; humanTotal: number; machineTotal: number }>;
  timeline: Array<Record<string, number> & { bucket: string }>;
}

/** `GET /v1/stats/audience`: one row per UTC day. */
export interface AudienceSeries {
  from: string;
  to: string;
  scope: string;
  days: Array<{
    day: string;
    signups: number;
    confirmations: number;
    unsubscribes: number;
    unsubscribesByWay: Record<string, number>;
    bounces: number;
    complaints: number;
    net: number;
  }>;
}
