import { allows, type EditorialAction } from "../domain/editorial.js";
import { HeraldError } from "../domain/errors.js";
import type { Ports, SendProgress } from "./ports.js";
import { type InflightWait, waitForInflight } from "./wait-inflight.js";

type StopPorts = Pick<Ports, "editions" | "chunks" | "sendQueue" | "scheduler" | "now" | "log">;

/** Chunk messages handed to the queue per call when a cancel closes a paused edition's parked chunks. */
const REQUEUE_PAGE = 100;

/** The progress of `id` if `action` is allowed on it; 404 or 409 otherwise. */
export async function actionable(
  ports: Pick<Ports, "editions">,
  id: string,
  action: EditorialAction,
): Promise<SendProgress> {
  const progress = await ports.editions.progress(id);
  if (!progress)
    throw new HeraldError("not_found", `no such ${id.startsWith("br_") ? "briefing" : "edition"}`);
  if (!allows(action, progress.status)) {
    throw new HeraldError("conflict", `cannot ${action}: it is ${progress.status}`);
  }
  return progress;
}

/**
 * An editor pauses a sending edition or briefing: `sending → paused`. Chunks not yet handed to SES
 * are parked (their claim is refused) until a resume; chunks with SES finish, and the answer comes
 * once they have, so nothing more goes out after it.
 */
export async function pauseSend(ports: StopPorts, id: string, wait?: InflightWait): Promise<number> {
  await actionable(ports, id, "pause");
  if (!(await ports.editions.transition(id, ["sending"], "paused", "paused by an editor"))) {
    throw new HeraldError("conflict", "cannot pause: its status changed meanwhile");
  }
  ports.log.info("edition paused", { editionId: id });
  return waitForInflight(ports, id, wait);
}

/**
 * An editor cancels an edition or briefing, for good: from any status before `sent`. Recipients not
 * yet handed to SES are never sent and are counted `cancelled` as the send workers close each chunk
 * (a paused edition's parked chunks are queued again for that); chunks with SES finish and are
 * counted as SES answers, and the answer comes once they have. A scheduled edition's schedule is
 * deleted. Returns the chunks still in flight at the wait's deadline (0 normally).
 */
export async function cancelSend(ports: StopPorts, id: string, wait?: InflightWait): Promise<number> {
  const progress = await actionable(ports, id, "cancel");
  if (!(await ports.editions.transition(id, [progress.status], "cancelled", "cancelled by an editor"))) {
    throw new HeraldError("conflict", "cannot cancel: its status changed meanwhile; try again");
  }
  ports.log.info("edition cancelled", { editionId: id, was: progress.status });
  if (progress.status === "scheduled") {
    await ports.scheduler
      .unschedule(id)
      .catch((error: Error) =>
        ports.log.warn("schedule not deleted", { editionId: id, error: error.message }),
      );
  }
  if (progress.status === "paused") {
    for await (const keys of ports.chunks.undone(id)) {
      for (let i = 0; i < keys.length; i += REQUEUE_PAGE) {
        await ports.sendQueue.send(
          keys.slice(i, i + REQUEUE_PAGE).map((chunk) => ({ editionId: id, chunk })),
        );
      }
    }
  }
  return waitForInflight(ports, id, wait);
}
