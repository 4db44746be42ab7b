import { Conflict, NotFound, RateLimited } from "../domain/errors.js";
import { subscriberId } from "../domain/subscriber.js";
import { TEST_SEND_TAG, type TestSendResult } from "../domain/test-send.js";
import { testCopy } from "../render/test-copy.js";
import { MailerThrottled } from "./errors.js";
import type { BulkEntry, Ports } from "./ports.js";

/**
 * Sends an edition's stored render to an editor's addresses only: one SES call, suppressed addresses
 * skipped as for every other send, subject and body marked as a test. Nothing is counted on the
 * edition and nothing is written: a test send leaves no trace but the emails. A proof belongs to no
 * subscription, so it carries no list headers and no unsubscribe or preference links (see testCopy).
 */
export async function sendTest(
  ports: Pick<Ports, "editions" | "suppressions" | "mailer" | "config" | "log">,
  editionId: string,
  addresses: string[],
): Promise<TestSendResult> {
  const edition = await ports.editions.get(editionId);
  if (!edition) throw new NotFound("no such edition");
  const rendered = await ports.editions.getRender(editionId);
  if (!rendered) throw new Conflict(`the edition is ${edition.status} and not rendered yet`);

  const unique = [...new Set(addresses)];
  const ids = unique.map(subscriberId);
  const suppressed = await ports.suppressions.suppressedAmong(ids);
  const entries: BulkEntry[] = unique
    .filter((_, i) => !suppressed.has(ids[i] as string))
    .map((to) => ({ to, data: {}, headers: [] }));
  const result: TestSendResult = { sent: 0, skipped: unique.length - entries.length, failed: 0 };
  if (entries.length === 0) return result;

  let outcomes: Awaited<ReturnType<Ports["mailer"]["sendBulk"]>>;
  try {
    outcomes = await ports.mailer.sendBulk({
      from: ports.config.brand.fromAddress,
      replyTo: ports.config.brand.replyTo,
      subject: `[Test] ${rendered.subject}`,
      ...testCopy(rendered),
      entries,
      tags: { [TEST_SEND_TAG]: editionId },
    });
  } catch (error) {
    if (error instanceof MailerThrottled) {
      throw new RateLimited("SES is at its sending rate; try again in a moment", { cause: error });
    }
    throw error;
  }
  for (const outcome of outcomes) {
    if (outcome.kind === "sent") result.sent++;
    else result.failed++;
  }
  if (result.failed)
    ports.log.warn("test send: SES refused some entries", { editionId, failed: result.failed });
  return result;
}
