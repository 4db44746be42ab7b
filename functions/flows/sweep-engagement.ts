import { loggableError } from "../domain/redact.js";
import {
  type DueLookup,
  type EngagementSnapshot,
  retryOf,
  sweepBuckets,
} from "../domain/social/engagement.js";
import type { EngagementOutcome } from "./ports/social.js";
import type { AnySocialAdapter } from "./ports/social-adapters.js";
import type { SocialEngagementRepo } from "./ports/social-engagement.js";
import type { Ports } from "./ports.js";

/** How far back a sweep looks for look-ups it missed (a deploy, an outage): a day. */
export const CATCH_UP_HOURS = 24;
/** Look-ups one sweep makes at most; the rest wait for the next sweep, a quarter of an hour on. */
const READS_PER_SWEEP = 100;
/** Reads in flight at once: gentle on the networks, and done well within the worker's two minutes. */
const READS_AT_ONCE = 4;
/** Wall time after which a sweep starts no new read (each read may take up to its 10 s timeout). */
const SWEEP_BUDGET_MS = 60_000;

export type LookupResult = "read" | "retried" | "failed" | "stored_before";

export interface SweepOptions {
  /** The real clock for the sweep's time budget (the ports' clock may be fixed); `Date.now` unless given. */
  wallClock?: () => number;
}

/**
 * Makes the engagement look-ups that are due: reads each post's counts from its network and stores
 * them with the post. A failed read is tried again later (at most three reads per look-up), then
 * stored as the look-up's error; the post's status, link and error are never touched. Returns what
 * became of each look-up.
 *
 * @example
 * const results = await sweepEngagement(ports, { adapters, engagement }); // e.g. ["read", "retried"]
 */
export async function sweepEngagement(
  ports: Pick<Ports, "log" | "now">,
  social: { adapters: readonly AnySocialAdapter[]; engagement?: SocialEngagementRepo },
  options: SweepOptions = {},
): Promise<LookupResult[]> {
  const { engagement } = social;
  if (!engagement) return [];
  const wallClock = options.wallClock ?? Date.now;
  const started = wallClock();
  const now = ports.now();
  const due: DueLookup[] = [];
  for (const bucket of sweepBuckets(now, CATCH_UP_HOURS)) {
    if (due.length >= READS_PER_SWEEP) break;
    due.push(...(await engagement.due(bucket, now, READS_PER_SWEEP - due.length)));
  }
  const results: LookupResult[] = [];
  const next = async (): Promise<void> => {
    for (let item = due.shift(); item; item = due.shift()) {
      if (wallClock() - started > SWEEP_BUDGET_MS) return;
      results.push(await lookUp(ports, social.adapters, engagement, item));
    }
  };
  await Promise.all(Array.from({ length: READS_AT_ONCE }, next));
  if (results.length > 0) ports.log.info("engagement sweep", { results: tally(results), left: due.length });
  return results;
}

async function lookUp(
  ports: Pick<Ports, "log" | "now">,
  adapters: readonly AnySocialAdapter[],
  engagement: SocialEngagementRepo,
  due: DueLookup,
): Promise<LookupResult> {
  const adapter = adapters.find((a) => a.network === due.network && a.account === due.account);
  const outcome = await read(adapter, due);
  const at = ports.now();
  let snapshot: EngagementSnapshot;
  if (outcome.kind === "read") {
    snapshot = { ...outcome.counts, at: at.toISOString() };
  } else {
    const retry = retryOf(due, at, outcome.retryable);
    if (retry) {
      // Entered before the old one goes: a crash in between repeats a read, which stores once.
      await engagement.schedule([retry]);
      await engagement.remove(due);
      return "retried";
    }
    snapshot = { at: at.toISOString(), error: outcome.message, tries: due.tries + 1 };
    ports.log.warn("engagement look-up failed", {
      editionId: due.editionId,
      network: due.network,
      lookup: due.lookup,
      error: outcome.message,
    });
  }
  const stored = await engagement.record(due, snapshot);
  await engagement.remove(due);
  if (!stored) return "stored_before";
  return outcome.kind === "read" ? "read" : "failed";
}

/** An adapter that throws (a bug, a dropped connection) is a failed read, worth another try. */
async function read(adapter: AnySocialAdapter | undefined, due: DueLookup): Promise<EngagementOutcome> {
  if (!adapter?.readEngagement)
    return { kind: "failed", message: "the account is no longer configured", retryable: false };
  try {
    return await adapter.readEngagement({ postId: due.postId, url: due.url });
  } catch (error) {
    const { name, message } = loggableError(error);
    // A request URL can carry a token (Telegram's bot path): no URL goes into the stored error.
    const said = `${name}: ${message.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "[url]")}`;
    return { kind: "failed", message: said.slice(0, 300), retryable: true };
  }
}

function tally(results: LookupResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}
