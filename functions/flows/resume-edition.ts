import { HeraldError } from "../domain/errors.js";
import { stalledSince } from "../domain/stall.js";
import type { Ports, SendProgress } from "./ports.js";
import { replanJob, requeueFanOut } from "./recover-fan-out.js";

/** Chunk messages handed to the queue per call while resuming (it sends them ten to a batch). */
const REQUEUE_PAGE = 100;

/**
 * An editor resumes a paused edition (or briefing): `paused → sending`, then every chunk that is not done is
 * queued again (parked chunks were acknowledged and dropped from the queue). Queuing a chunk twice is
 * harmless — the send worker's lease and per-recipient outcomes make each recipient's send happen
 * once — so a resume that dies half-way is put back to `paused` to be resumed again.
 *
 * A stalled one (queued or sending, without progress for the stall time) is resumed the same way,
 * without a status change: what recovery would queue at its next pass is queued now.
 */
export async function resumeEdition(
  ports: Pick<
    Ports,
    "editions" | "chunks" | "sendQueue" | "editionQueue" | "work" | "config" | "now" | "log"
  >,
  id: string,
): Promise<SendProgress> {
  const edition = await ports.editions.progress(id);
  if (!edition) throw new HeraldError("not_found", "no such edition");
  const stalled = stalledSince(edition, ports.now(), ports.config.stallSeconds);
  if (stalled) {
    const { chunks, leased } = await requeueFanOut(ports, edition);
    ports.log.info("stalled edition resumed", {
      editionId: id,
      stalledSince: stalled,
      requeued: chunks,
      leased,
    });
    return (await ports.editions.progress(id)) as SendProgress;
  }
  if (edition.status !== "paused" || !(await ports.editions.resume(id, edition.counts))) {
    throw new HeraldError(
      "conflict",
      `the edition is ${edition.status === "paused" ? "being resumed" : edition.status}, not paused or stalled`,
    );
  }
  let requeued = 0;
  try {
    for await (const keys of ports.chunks.undone(id)) {
      for (let i = 0; i < keys.length; i += REQUEUE_PAGE) {
        const page = keys.slice(i, i + REQUEUE_PAGE);
        await ports.sendQueue.send(page.map((chunk) => ({ editionId: id, chunk })));
        requeued += page.length;
      }
    }
    // A planner that stopped while the edition was paused picks up from its checkpoints.
    if (!edition.planDone) await ports.editionQueue.send([replanJob(id)]);
  } catch (error) {
    await ports.editions.transition(
      id,
      ["sending"],
      "paused",
      "resuming did not finish queueing its chunks: resume again",
    );
    throw error;
  }
  // Paused after its last chunk: nothing to queue, so it is finished now.
  await ports.editions.completeIfFinished(id);
  ports.log.info("edition resumed", { editionId: id, requeued });
  return (await ports.editions.progress(id)) as SendProgress;
}
