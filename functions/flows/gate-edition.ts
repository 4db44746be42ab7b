import { futureSendAt } from "../domain/editorial.js";
import { type EditionRecord, MAX_DELAY_SECONDS, type Ports, type StatusMove } from "./ports.js";

export const SUPERSEDED_REASON = "superseded by a newer version of the article";

/**
 * Right after rendering: an edition under review becomes `held`, one whose `sendAt` is still ahead
 * `scheduled` (with its schedule made). Either move also requires the edition to be its article's
 * latest version; one replaced meanwhile is cancelled instead. `true` when the edition does not go
 * on to send now (held, scheduled, cancelled, or moved by someone else meanwhile).
 */
export async function holdOrSchedule(
  ports: Pick<Ports, "editions" | "scheduler" | "now" | "log">,
  edition: EditionRecord,
): Promise<boolean> {
  const sendAt = futureSendAt(edition.sendAt, ports.now());
  if (!edition.review && !sendAt) return false;
  const move: StatusMove = edition.review
    ? { from: ["rendering"], to: "held", set: { heldSince: ports.now().toISOString() } }
    : { from: ["rendering"], to: "scheduled", set: { sendAt } };
  const result = await ports.editions.move(edition.id, { ...move, ifLatestOf: edition.article.id });
  if (result === "superseded") {
    await ports.editions.move(edition.id, {
      from: ["rendering"],
      to: "cancelled",
      reason: SUPERSEDED_REASON,
    });
    ports.log.info("edition superseded before it was held", { editionId: edition.id });
  } else if (result === "moved" && move.to === "scheduled") {
    await ports.scheduler.schedule(edition.id, new Date(sendAt as string));
  }
  if (result === "moved") ports.log.info(`edition ${move.to}`, { editionId: edition.id, sendAt });
  return true;
}

/**
 * A scheduled edition's job (its schedule fired, or a retried job): `scheduled → sending` once its
 * `sendAt` has come. A job a little early waits on the queue for the rest; one long before it (a
 * schedule moved later) makes sure the schedule for the new time exists and does nothing else.
 */
export async function releaseIfDue(
  ports: Pick<Ports, "editions" | "scheduler" | "editionQueue" | "now" | "log">,
  edition: EditionRecord,
): Promise<void> {
  const wait = Date.parse(edition.sendAt ?? "") - ports.now().getTime();
  if (!(wait > 0)) {
    const result = await ports.editions.move(edition.id, {
      from: ["scheduled"],
      to: "sending",
      ifLatestOf: edition.article.id,
    });
    if (result === "superseded") {
      await ports.editions.move(edition.id, {
        from: ["scheduled"],
        to: "cancelled",
        reason: SUPERSEDED_REASON,
      });
    }
    if (result === "moved") ports.log.info("scheduled edition released", { editionId: edition.id });
    return;
  }
  if (wait <= MAX_DELAY_SECONDS * 1000) {
    await ports.editionQueue.send([{ editionId: edition.id }], { delaySeconds: Math.ceil(wait / 1000) });
    return;
  }
  await ports.scheduler.schedule(edition.id, new Date(Date.parse(edition.sendAt as string)));
}
