import { createHash } from "node:crypto";
import * as z from "zod";

export const Cadence = z.enum(["instant", "daily"]);
export type Cadence = z.infer<typeof Cadence>;

export const SubscriberStatus = z.enum(["pending", "active", "unsubscribed", "suppressed"]);
export type SubscriberStatus = z.infer<typeof SubscriberStatus>;

/** What was agreed to, when and how: GDPR Art. 7(1) asks the controller to be able to show it. */
export const Consent = z.object({
  at: z.string(),
  source: z.string(),
  ip: z.string().optional(),
  userAgent: z.string().optional(),
  textVersion: z.string().optional(),
  confirmedAt: z.string().optional(),
});
export type Consent = z.infer<typeof Consent>;

/**
 * A sign-up for an address already on file, not confirmed yet: kept beside the record, which it
 * changes only when the confirmation link is used. An anonymous form must not rewrite anyone's record.
 */
export const PendingChange = z.object({
  name: z.string().optional(),
  topics: z.array(z.string()),
  cadence: Cadence,
  consent: Consent,
});
export type PendingChange = z.infer<typeof PendingChange>;

export const Subscriber = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().optional(),
  status: SubscriberStatus,
  topics: z.array(z.string()),
  cadence: Cadence,
  /** The consent the record was created with (an import's, a sign-up's); never rewritten. */
  consent: Consent,
  /** Every consent confirmed since, oldest first: appended, never replaced. */
  consentHistory: z.array(Consent).optional(),
  pendingChange: PendingChange.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When the last confirmation email was queued (at most one per inbox per 10 minutes). */
  confirmationSentAt: z.string().optional(),
  /** Unix seconds after which an unconfirmed subscription is deleted (DynamoDB TTL). */
  expiresAt: z.number().optional(),
  unsubscribedAt: z.string().optional(),
  /** Soft bounces seen so far; past a threshold the address is suppressed. */
  softBounces: z.number().optional(),
});
export type Subscriber = z.infer<typeof Subscriber>;

/**
 * What a send needs of a subscriber: whether to mail them (status, topics, cadence) and where. A
 * send reads only these, not a record that carries its whole consent history.
 */
export const Recipient = Subscriber.pick({
  id: true,
  email: true,
  status: true,
  topics: true,
  cadence: true,
});
export type Recipient = z.infer<typeof Recipient>;

/** A syntactically valid address, lower-cased and trimmed; `undefined` when it is not one. */
export function normalizeEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  if (email.length > 254) return undefined;
  const parsed = z.email().safeParse(email);
  return parsed.success ? email : undefined;
}

/** An email address from outside, normalized by {@link normalizeEmail}; refused when it is not one. */
export const EmailAddress = z
  .string()
  .max(320)
  .transform((e, ctx) => {
    const email = normalizeEmail(e);
    if (!email) ctx.addIssue({ code: "custom", message: "not a valid email address" });
    return email ?? z.NEVER;
  });

/**
 * A subscriber's stable id: the SHA-256 of the normalized address. It keys the record, appears in
 * tokens instead of the address, and is what stays on the suppression list after an erasure.
 */
export function subscriberId(normalizedEmail: string): string {
  return createHash("sha256").update(normalizedEmail).digest("hex").slice(0, 32);
}

/** Which audience shard a subscriber lives in: spreads one topic over several partitions. */
export function shardOf(id: string, shards: number): number {
  return Number.parseInt(id.slice(0, 8), 16) % shards;
}

/** Only an active subscriber is mailed; the send worker asks this again at send time. */
export function isMailable(s: Pick<Subscriber, "status">): boolean {
  return s.status === "active";
}
