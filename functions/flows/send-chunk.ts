import { type Outcome, orphanedInflight, pendingRecipients, tally } from "../domain/chunk.js";
import { slotTags } from "../domain/delivery-slots.js";
import { listHeaders, recipientLinks } from "../domain/recipient-links.js";
import { matureSince } from "../domain/send-health.js";
import type { Recipient } from "../domain/subscriber.js";
import { pauseIfUnhealthy } from "./auto-pause.js";
import { closeCancelled, refusedClaim } from "./close-chunk.js";
import { owingCompletion } from "./completion-checks.js";
import { emailTracking } from "./email-tracking.js";
import type { BulkEntry, ChunkRecord, Ports, SendFence, SendJob } from "./ports.js";
import { sendInCalls } from "./send-calls.js";
import { sendTarget } from "./send-target.js";

/**
 * `done`: nothing left to do with this message (the chunk is sent, parked while its edition is
 * paused, or queued again because SES throttled it). `retry`: hand the message back to the queue
 * for later (another worker holds the chunk's lease).
 */
export type ChunkResult = "done" | "retry";

/**
 * Sends one chunk exactly once per recipient: re-reads every recipient's status (an unsubscribe that
 * landed after planning is honoured), takes a lease with the recipients to mail marked in flight,
 * reads the edition's status under it (the fence of pause and cancel), calls SES (50 recipients a
 * call, the calls at once), then records each outcome and the edition's counters in one
 * transaction. Throttled recipients stay pending and the chunk is queued again after a growing delay; recipients a dead
 * attempt or a lost call had handed to SES become `unknown`, never resent. Whether the edition is
 * finished is checked when the last of its chunks at work in this process ends (`owingCompletion`).
 */
export function sendChunk(ports: Ports, job: SendJob): Promise<ChunkResult> {
  return owingCompletion(ports, job.editionId, (owe) => sendOnce(ports, job, owe));
}

/** One attempt at a chunk; `owe()` when its record may have finished the edition. */
async function sendOnce(ports: Ports, job: SendJob, owe: () => void): Promise<ChunkResult> {
  const chunk = freshChunk(job) ?? (await ports.chunks.get(job.editionId, job.chunk));
  if (!chunk) return "done";
  // Done already: a worker that recorded it may have died before finishing the edition. Finishing is
  // a conditional update, so trying again here is harmless, and without it the last chunk's
  // redelivery would leave the edition `sending` for good.
  if (chunk.done) {
    await ports.editions.completeIfFinished(job.editionId);
    return "done";
  }
  const found = await sendTarget(ports, chunk);
  if (!found) return "done";
  const { target } = found;
  // The status just read with the target, or the one last read under a claim: only when that was
  // not `sending` is it read again here (the fence under the claim decides in the end).
  let status = found.status ?? target.lastStatus;
  if (status !== "sending") {
    status = found.status ?? (await ports.editions.fence(job.editionId))?.status;
    target.lastStatus = status;
    if (!status || status === "failed") return "done";
    // A paused edition's chunk is parked: acknowledged, left undone in the table, and queued again
    // when an editor resumes. Handing it back instead would walk every chunk into the DLQ.
    if (status === "paused") return "done";
    // Closed as stored: a first queueing's chunk may have moved on since (a message delivered twice).
    if (status === "cancelled")
      return job.fresh ? sendChunk(ports, { ...job, fresh: undefined }) : closeCancelled(ports, chunk);
  }
  if (chunk.leaseUntil && chunk.leaseUntil > ports.now().getTime()) return "retry";

  const orphans = orphanedInflight(chunk);
  const pending = pendingRecipients(chunk).filter((r) => !orphans.includes(r));
  // Paced before the claim: a chunk waiting for its slot holds no lease, so a pause or cancel that
  // lands meanwhile does not wait for it, and the status check below stops it.
  await ports.pacer.take(pending.length);
  const nowMs = ports.now().getTime();
  const leaseUntil = () => ports.now().getTime() + ports.config.chunkLeaseSeconds * 1000;
  /** What a release records: only the dead attempt's recipients, now `unknown`; the rest stay pending. */
  const released = (): Record<string, Outcome> =>
    Object.fromEntries(orphans.map((r) => [r, { kind: "unknown" }]));
  const outcomes = released();
  // Who is still to be mailed, read before the claim: a reader's status may lag by about a second
  // (half the read units) wherever it is read, and the claim below is conditional on the chunk as
  // read above, so reads made here can only be wasted, never wrong.
  const [subscribers, suppressed] = await Promise.all([
    ports.subscribers.recipients(pending, "recent"),
    ports.suppressions.suppressedAmong(pending, "recent"),
  ]);
  const eligible: Recipient[] = [];
  for (const id of pending) {
    const s = subscribers.get(id);
    const reason = suppressed.has(id) ? "suppressed" : target.skipReason(s);
    if (reason) outcomes[id] = { kind: "skipped", reason };
    else eligible.push(s as Recipient);
  }
  const rendered = eligible.length > 0 ? await target.render() : undefined;
  // One claim: the lease, with the recipients about to be handed to SES marked in flight, so an
  // attempt that dies from here on leaves exactly these to be counted `unknown`, never sent twice.
  const claimed = await ports.chunks.claim(chunk, leaseUntil(), [...orphans, ...eligible.map((s) => s.id)]);
  // A fresh chunk that moved on (a message delivered twice, a planner that resumed) is read after all.
  if (!claimed) return job.fresh ? sendChunk(ports, { ...job, fresh: undefined }) : refusedClaim(ports, job);

  // The fence that makes pause and cancel hold: the status is read under the claim, before SES. A
  // pause or cancel changes the status first and then waits for every chunk with a live lease, so a
  // chunk either sees the change here or is waited for.
  let fence: SendFence | undefined;
  try {
    fence = await ports.editions.fence(job.editionId);
  } catch (error) {
    // Nobody was handed to SES: released, so the next attempt sends them rather than count them unknown.
    await ports.chunks
      .record(claimed, released(), false, tally(Object.values(released())))
      .catch(() => undefined);
    throw error;
  }
  target.lastStatus = fence?.status;
  if (fence?.status !== "sending") {
    // Released with nobody sent (a paused edition's chunk is parked; a cancelled one's is closed by
    // refusedClaim).
    await ports.chunks.record(claimed, released(), false, tally(Object.values(released())));
    return !fence || fence.status === "failed" ? "done" : refusedClaim(ports, job);
  }

  let retry = false;
  if (rendered) {
    const nowSeconds = Math.floor(nowMs / 1000);
    const email = { target: job.editionId, variant: chunk.variant ?? "" };
    const tracking = emailTracking(ports.config, ports.secrets.tokenKeys, email, rendered);
    // Each delivery then names its chunk and position, and is counted per batch without a mark of its own.
    const slots = slotTags(job.chunk);
    const entries: BulkEntry[] = eligible.map((s) => {
      const links = recipientLinks(ports.config, ports.secrets.tokenKeys, s.id, nowSeconds, job.editionId);
      const data = { ...links, ...tracking.data(s.id, nowSeconds) };
      const tags = slots?.position(chunk.recipients.indexOf(s.id));
      return { to: s.email, data, headers: listHeaders(ports.config, links.unsubscribeUrl), tags };
    });
    const calls = await sendInCalls(
      ports.mailer,
      {
        from: ports.config.brand.fromAddress,
        replyTo: ports.config.brand.replyTo,
        subject: rendered.subject,
        html: tracking.html,
        text: rendered.text,
        tags: { edition: job.editionId, ...slots?.chunk },
      },
      eligible.map((s) => s.id),
      entries,
    );
    Object.assign(outcomes, calls.outcomes);
    retry = calls.retry;
    if (calls.rejected || calls.lost !== undefined) {
      // Recorded as far as it got: a refused call's recipients are pending again (nothing was sent
      // to them, so an honest retry), a lost call's are `unknown` (SES may have sent them). The
      // message then comes back and finishes the chunk.
      await ports.chunks.record(claimed, outcomes, false, tally(Object.values(outcomes)));
      throw calls.rejected ?? calls.lost;
    }
  }

  const recorded = await ports.chunks.record(claimed, outcomes, !retry, tally(Object.values(outcomes)));
  if (!recorded) throw new Error(`chunk ${job.chunk} changed while it was leased`);
  if (!retry) owe();
  // Bounces of this chunk may have been counted before its sends were. A count that lags only makes
  // the rate the feedback path sees higher, except below the minimum sample, where it decides
  // nothing: so while the edition is that young, judge it again now that the sends are counted
  // (until this worker has read it past the sample since its baseline, which a resume moves).
  if (eligible.length > 0 && target.matureSince !== fence.baselineSent) {
    const { progress } = await pauseIfUnhealthy(ports, job.editionId);
    target.matureSince = matureSince(progress, ports.config.pauseMinSample);
  }
  if (retry) await retryThrottled(ports, job);
  return "done";
}

/** The longest a throttled chunk waits before its next try. */
const MAX_THROTTLE_WAIT_SECONDS = 60;

/**
 * SES throttled (part of) the chunk: it is queued again after a growing delay, and this message is
 * acknowledged. Handing it back instead would wait out the queue's visibility timeout (minutes on
 * AWS) and count a receive each time, walking a chunk of a long throttled send into the DLQ.
 */
async function retryThrottled(ports: Ports, job: SendJob) {
  const throttled = (job.throttled ?? 0) + 1;
  const delaySeconds = Math.min(MAX_THROTTLE_WAIT_SECONDS, 2 ** (throttled - 1));
  await ports.sendQueue.send([{ ...job, fresh: undefined, throttled }], { delaySeconds });
}

/**
 * The chunk a first queueing names, as the planner stored it: version 0, nothing sent, no lease.
 * Claimed on that version, so a chunk that moved on since is refused and read instead.
 */
function freshChunk(job: SendJob): ChunkRecord | undefined {
  if (!job.fresh) return undefined;
  return {
    editionId: job.editionId,
    key: job.chunk,
    recipients: job.fresh.recipients,
    lastKey: "", // where it ends in its partition: only the planner needs it
    ...(job.fresh.variant !== undefined ? { variant: job.fresh.variant } : {}),
    outcomes: {},
    inflight: [],
    done: false,
    version: 0,
  };
}
