import type { AnySocialAdapter } from "./ports/social-adapters.js";
import type { Ports, SocialPostJob } from "./ports.js";

/**
 * Turns an edition into one post job per configured account. Each account's intent is created
 * with a conditional put, so a fan-out that runs twice (a retried render job, a redelivered message)
 * makes no second intent. Jobs go out for new intents, and for ones still untouched (a fan-out that
 * died before queueing); a duplicate job is harmless: the intent's claim lets one through.
 *
 * @example
 * await fanOutSocial(ports, adapters, "ed_abc"); // one SocialPostJob per adapter
 */
export async function fanOutSocial(
  ports: Ports,
  adapters: readonly AnySocialAdapter[],
  editionId: string,
): Promise<SocialPostJob[]> {
  const edition = await ports.editions.get(editionId);
  if (!edition?.article.channels.social || edition.status === "cancelled") {
    await ports.work.close("social", editionId);
    return [];
  }
  // Posted once the edition is let out: never while an editor holds or schedules it. Its unfinished-
  // work entry is made only when it goes out, so recovery does not bring it here meanwhile.
  if (["held", "scheduled"].includes(edition.status)) return [];
  const now = ports.now();
  await ports.socialAccounts.register(
    adapters.map(({ network, account }) => ({ network, account })),
    now,
  );
  const jobs: SocialPostJob[] = [];
  for (const { network, account } of adapters) {
    const { created, intent } = await ports.socialIntents.create({
      editionId,
      network,
      account,
      status: "pending",
      attempts: 0,
      unresolved: 0,
      errors: [],
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 0,
    });
    const untouched = intent.status === "pending" && intent.attempts === 0 && !intent.retryAt;
    if (created || untouched) jobs.push({ editionId, network, account });
  }
  if (jobs.length > 0) await ports.socialQueue.send(jobs);
  // Each intent is unfinished work of its own now (the repository entered it).
  await ports.work.close("social", editionId);
  return jobs;
}
