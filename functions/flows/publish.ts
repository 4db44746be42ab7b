import type { Article } from "../domain/article.js";
import { editionId, zeroCounts } from "../domain/edition.js";
import { type ArticleSource, futureSendAt, type PublishOptions, SUPERSEDABLE } from "../domain/editorial.js";
import type { Ports } from "./ports.js";

export interface PublishResult {
  editionId: string;
  duplicate: boolean;
}

export interface PublishRequest extends PublishOptions {
  source: ArticleSource;
}

type PublishPorts = Pick<Ports, "editions" | "editionQueue" | "scheduler" | "config" | "now" | "log">;

/**
 * Records the edition for an article id + version and queues its rendering. The edition id is
 * derived from both, so of five concurrent deliveries of one webhook exactly one creates it; the
 * others get the same id back with `duplicate: true`. The edition waits for an editor when its
 * source is reviewed (or the request asks for it), and for `sendAt` when that is ahead. A newer
 * version replaces an older one still held or scheduled: only an article's latest version is sent.
 */
export async function publish(
  ports: PublishPorts,
  article: Article,
  request: PublishRequest = { source: "webhook" },
) {
  const id = editionId(article.id, article.version);
  const now = ports.now();
  const sendAt = futureSendAt(request.sendAt, now);
  const review = request.review === true || ports.config.review.includes(request.source);
  const { created, edition } = await ports.editions.create({
    id,
    article,
    status: "queued",
    counts: zeroCounts(),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    plan: {},
    planDone: false,
    chunksTotal: 0,
    chunksDone: 0,
    source: request.source,
    ...(review ? { review } : {}),
    ...(sendAt ? { sendAt } : {}),
  });
  // A duplicate of an edition that is still queued is queued again: if the first delivery died
  // between recording and queueing, its retry must not leave the edition stuck. Rendering and
  // planning are idempotent, so a second job costs a little work and sends nothing twice.
  if (created || edition.status === "queued") {
    // Before the job: the render worker holds an edition only while it is its article's latest.
    const replaced = await ports.editions.markLatest(article.id, id, edition.createdAt);
    if (replaced) await supersede(ports, replaced, id);
    await ports.editionQueue.send([{ editionId: id }]);
  }
  return { editionId: id, duplicate: !created } satisfies PublishResult;
}

async function supersede(ports: PublishPorts, older: string, newer: string) {
  const result = await ports.editions.move(older, {
    from: [...SUPERSEDABLE],
    to: "cancelled",
    reason: `superseded by ${newer}, a newer version of the article`,
    set: { supersededBy: newer },
  });
  if (result !== "moved") return;
  ports.log.info("edition superseded", { editionId: older, by: newer });
  // Tidiness only: a schedule that fires for a cancelled edition does nothing.
  await ports.scheduler
    .unschedule(older)
    .catch((error: Error) =>
      ports.log.warn("schedule not deleted", { editionId: older, error: error.message }),
    );
}
