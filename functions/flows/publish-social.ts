import { loggableError } from "../domain/redact.js";
import { composePost } from "../domain/social/compose.js";
import {
  MAX_UNRESOLVED,
  type SocialIntent,
  socialIdempotencyKey,
  withError,
} from "../domain/social/intent.js";
import { socialUrl } from "../domain/social/network.js";
import { deferJob, notYet } from "./defer-job.js";
import { CardNotReady } from "./errors.js";
import type {
  CredentialStore,
  LookupOutcome,
  PublishOutcome,
  PublishRequest,
  SocialAdapter,
} from "./ports/social.js";
import type { AnySocialAdapter } from "./ports/social-adapters.js";
import type { SocialEngagementRepo } from "./ports/social-engagement.js";
import type { EditionRecord, Ports, SocialPostJob } from "./ports.js";
import { scheduleEngagement } from "./schedule-engagement.js";
import { abandoned, afterLookup, afterPublish, claimed, type Step } from "./social-outcomes.js";

/** What the social worker has beyond the shared ports: the configured accounts and their token store. */
export interface SocialWorkerPorts {
  adapters: readonly AnySocialAdapter[];
  credentials: CredentialStore;
  /** Where engagement look-ups wait and their snapshots go; absent, none are made. */
  engagement?: SocialEngagementRepo;
  /** [0, 1): the jitter on rate-limit waits; tests fix it. */
  random?: () => number;
}

type Result = "done" | "retry";

/**
 * One edition's post to one account, exactly once. The intent is claimed before every network
 * call; an unknown outcome (a timeout, a 5xx, a worker that died mid-call) is looked up before
 * anything is published again, except on a network whose idempotency key makes a second publish
 * harmless. Waits (rate limits, lookups later) go back to the queue, never a busy loop.
 *
 * @example
 * await publishSocial(ports, { adapters, credentials }, { editionId, network: "bluesky", account: "news.example" });
 */
export async function publishSocial(
  ports: Ports,
  social: SocialWorkerPorts,
  job: SocialPostJob,
): Promise<Result> {
  const now = ports.now();
  const later = notYet(job, now);
  if (later) return defer(ports, job, later);
  let intent = await ports.socialIntents.get(job.editionId, job.network, job.account);
  if (!intent || intent.status === "posted" || intent.status === "failed") return "done";

  // Widened: the request it gets is composed for its own network.
  const adapter = social.adapters.find((a) => a.network === job.network && a.account === job.account) as
    | SocialAdapter
    | undefined;
  if (!adapter) {
    // Removed from the settings. A post that may exist stays unknown: a person checks the account.
    const error = "the account is no longer configured (no credentials in the social settings)";
    await ports.socialIntents.update(intent, {
      ...intent,
      status: intent.status === "pending" ? "failed" : "unknown",
      leaseUntil: undefined,
      retryAt: undefined,
      error,
      errors: withError(intent.errors, error),
      updatedAt: now.toISOString(),
    });
    return "done";
  }
  if (intent.status === "attempting") {
    if ((intent.leaseUntil ?? 0) > now.getTime())
      return defer(ports, job, new Date(intent.leaseUntil as number));
    const step = abandoned(intent, now);
    const stored = await ports.socialIntents.update(intent, step.intent);
    if (!stored) return "retry";
    intent = stored;
  }
  if (intent.retryAt && new Date(intent.retryAt) > now) return defer(ports, job, new Date(intent.retryAt));
  if (intent.status === "unknown" && intent.unresolved >= MAX_UNRESOLVED) return "done";

  const edition = await ports.editions.get(job.editionId);
  if (!edition) return "done";
  const card = await ports.cards.get(job.editionId);
  if (!card) throw new CardNotReady(job.editionId);
  const request = await publishRequest(ports, adapter, edition, card);

  const leaseMs = ports.config.socialLeaseSeconds * 1000;
  let kind: "publish" | "lookup" = intent.status === "unknown" && !adapter.idempotent ? "lookup" : "publish";
  for (;;) {
    const claim = await ports.socialIntents.update(intent, claimed(intent, kind, ports.now(), leaseMs));
    if (!claim) return "retry";
    const random = (social.random ?? Math.random)();
    const step =
      kind === "lookup"
        ? afterLookup(claim, await lookup(adapter, request), ports.now(), random)
        : afterPublish(claim, await publish(adapter, request), ports.now(), random);
    if (step.publish) {
      // The lookup found no post: publish now, under a fresh claim taken over the one held.
      intent = step.intent;
      kind = "publish";
      continue;
    }
    return settle(ports, social, job, claim, step, adapter);
  }
}

async function settle(
  ports: Ports,
  social: SocialWorkerPorts,
  job: SocialPostJob,
  claim: SocialIntent,
  step: Step,
  adapter: SocialAdapter,
): Promise<Result> {
  const stored = await ports.socialIntents.update(claim, step.intent);
  if (!stored) {
    // Only a worker that found this claim's lease expired writes over it; it resolves the post itself.
    ports.log.warn("social outcome not recorded: the claim was taken over", {
      ...job,
      status: step.intent.status,
    });
    return "done";
  }
  ports.log.info("social post", { ...job, status: stored.status, attempts: stored.attempts });
  if (step.flag !== undefined)
    await social.credentials.flagAttention(job.network, job.account, step.flag, ports.now());
  if (step.clearFlag) await social.credentials.clearAttention(job.network, job.account);
  await scheduleEngagement(ports, social.engagement, adapter, stored);
  if (step.retryAt) await deferJob(ports.socialQueue, job, step.retryAt, ports.now());
  return "done";
}

async function defer(ports: Ports, job: SocialPostJob, at: Date): Promise<Result> {
  await deferJob(ports.socialQueue, job, at, ports.now());
  return "done";
}

async function publishRequest(
  ports: Ports,
  adapter: SocialAdapter,
  edition: EditionRecord,
  card: Uint8Array,
): Promise<PublishRequest> {
  const { article } = edition;
  const options = (await adapter.composeOptions?.().catch(() => undefined)) ?? {};
  const source = {
    editionId: edition.id,
    url: article.url,
    title: article.title,
    summary: article.summary,
    topics: article.topics,
  };
  return {
    editionId: edition.id,
    post: composePost(adapter.network, source, options),
    url: socialUrl(article.url, adapter.network, edition.id),
    card: async () => card,
    cardUrl: `${ports.config.publicUrl}/v1/editions/${edition.id}/card.png`,
    idempotencyKey: socialIdempotencyKey(edition.id, adapter.network, adapter.account),
  };
}

/** An adapter that throws (a bug, a dropped connection) leaves the outcome unknown, never "not posted". */
async function publish(adapter: SocialAdapter, request: PublishRequest): Promise<PublishOutcome> {
  try {
    return await adapter.publish(request);
  } catch (error) {
    return { kind: "unknown", message: thrown(error) };
  }
}

async function lookup(adapter: SocialAdapter, request: PublishRequest): Promise<LookupOutcome> {
  try {
    return await adapter.lookup(request);
  } catch (error) {
    return { kind: "unknown", message: thrown(error) };
  }
}

/** An error's name and message without URLs: a request URL can carry a token (Telegram's bot path). */
function thrown(error: unknown): string {
  const { name, message } = loggableError(error);
  return `${name}: ${message.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "[url]")}`.slice(0, 300);
}
