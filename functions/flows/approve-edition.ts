import type * as z from "zod";
import type { EditionStatus } from "../domain/edition.js";
import { type ApproveRequest, futureSendAt } from "../domain/editorial.js";
import { HeraldError } from "../domain/errors.js";
import { actionable } from "./pause-cancel.js";
import type { MoveResult, Ports } from "./ports.js";

type ApprovePorts = Pick<Ports, "editions" | "editionQueue" | "scheduler" | "now" | "log">;

function refused(result: MoveResult, action: string): never {
  throw new HeraldError(
    "conflict",
    result === "superseded"
      ? `cannot ${action}: a newer version of the article replaced it`
      : `cannot ${action}: its status changed meanwhile`,
  );
}

/**
 * An editor approves a held edition, or moves a scheduled one. With `sendAt` ahead it becomes (or
 * stays) `scheduled` and its schedule is made or moved; otherwise it goes `sending` now and its job
 * is queued to plan the fan-out and the social posts. Only the article's latest version can be
 * approved. A step that fails puts the edition back as it was.
 */
export async function approveEdition(
  ports: ApprovePorts,
  id: string,
  request: z.infer<typeof ApproveRequest>,
): Promise<void> {
  await actionable(ports, id, "approve");
  const edition = await ports.editions.get(id);
  if (!edition) throw new HeraldError("not_found", "no such edition");
  const was: EditionStatus = edition.status;
  const now = ports.now();
  const sendAt = futureSendAt(request.sendAt, now);
  const approvedAt = now.toISOString();
  const back = () =>
    ports.editions.move(id, {
      from: [sendAt ? "scheduled" : "sending"],
      to: was,
      set: { sendAt: edition.sendAt, approvedAt: edition.approvedAt },
      remove: (["sendAt", "approvedAt"] as const).filter((f) => edition[f] === undefined),
    });
  const result = await ports.editions.move(id, {
    from: [was],
    to: sendAt ? "scheduled" : "sending",
    set: { sendAt: sendAt ?? approvedAt, approvedAt },
    ifLatestOf: edition.article.id,
  });
  if (result !== "moved") refused(result, "approve");
  try {
    if (sendAt) await ports.scheduler.schedule(id, new Date(sendAt));
    else await ports.editionQueue.send([{ editionId: id }]);
  } catch (error) {
    await back();
    throw error;
  }
  ports.log.info(sendAt ? "edition scheduled" : "edition approved", { editionId: id, sendAt });
  if (!sendAt && was === "scheduled") {
    await ports.scheduler
      .unschedule(id)
      .catch((error: Error) =>
        ports.log.warn("schedule not deleted", { editionId: id, error: error.message }),
      );
  }
}

/** An editor discards a held edition: `held → cancelled`; nothing of it is ever sent. */
export async function discardEdition(ports: ApprovePorts, id: string): Promise<void> {
  await actionable(ports, id, "discard");
  const result = await ports.editions.move(id, {
    from: ["held"],
    to: "cancelled",
    reason: "discarded by an editor",
  });
  if (result !== "moved") refused(result, "discard");
  ports.log.info("edition discarded", { editionId: id });
}
