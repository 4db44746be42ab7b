import type { Article } from "../domain/article.js";
import { editionId, zeroCounts } from "../domain/edition.js";
import type { Ports } from "./ports.js";

export interface PublishResult {
  editionId: string;
  duplicate: boolean;
}

/**
 * Records the edition for an article id + version and queues its rendering. The edition id is
 * derived from both, so of five concurrent deliveries of one webhook exactly one creates it; the
 * others get the same id back with `duplicate: true`.
 */
export async function publish(ports: Pick<Ports, "editions" | "editionQueue" | "now">, article: Article) {
  const id = editionId(article.id, article.version);
  const now = ports.now().toISOString();
  const { created, edition } = await ports.editions.create({
    id,
    article,
    status: "queued",
    counts: zeroCounts(),
    createdAt: now,
    updatedAt: now,
    plan: {},
    planDone: false,
    chunksTotal: 0,
    chunksDone: 0,
  });
  // A duplicate of an edition that is still queued is queued again: if the first delivery died
  // between recording and queueing, its retry must not leave the edition stuck. Rendering and
  // planning are idempotent, so a second job costs a little work and sends nothing twice.
  if (created || edition.status === "queued") await ports.editionQueue.send([{ editionId: id }]);
  return { editionId: id, duplicate: !created } satisfies PublishResult;
}
