import { HeraldError } from "../domain/errors.js";
import { mailboxKey } from "../domain/mailbox.js";
import { taggedArticleUrl } from "../domain/share.js";
import {
  SHARE_EMAILS_PER_RECIPIENT_PER_DAY,
  type ShareEmailRequest,
  shareEmailContent,
} from "../domain/share-email.js";
import { subscriberId } from "../domain/subscriber.js";
import type { Ports } from "./ports.js";

const DAY_SECONDS = 24 * 3600;

/**
 * "Email this article to a friend": one fixed-wording email per friend, from the newsroom's own
 * address. Skipped without a word (the sender learns nothing about them): suppressed addresses,
 * readers who unsubscribed from the newsroom, and inboxes that already had their share emails today
 * (counted per {@link mailboxKey}, so `bomb+1@` and `b.omb@` are `bomb@`). The share is counted on the
 * edition like a link share to `email`. The feature's daily budget is the route's to check.
 */
export async function shareByEmail(ports: Ports, request: ShareEmailRequest) {
  const edition = await ports.editions.get(request.editionId);
  if (!edition) throw new HeraldError("not_found", "no such edition");
  const ids = request.to.map(subscriberId);
  const [suppressed, known] = await Promise.all([
    ports.suppressions.suppressedAmong(ids),
    ports.subscribers.getMany(ids),
  ]);
  const { article } = edition;
  const content = shareEmailContent(
    request,
    {
      title: article.title,
      summary: article.summary,
      url: taggedArticleUrl(article.url, "email", edition.id),
    },
    ports.config.brand,
  );
  let sent = 0;
  for (const to of request.to) {
    const id = subscriberId(to);
    if (suppressed.has(id) || known.get(id)?.status === "unsubscribed") continue;
    const inbox = await ports.rateLimiter.hit(
      "share-to",
      mailboxKey(to),
      SHARE_EMAILS_PER_RECIPIENT_PER_DAY,
      DAY_SECONDS,
    );
    if (!inbox.ok) continue;
    await ports.mailer.sendOne({
      from: ports.config.brand.fromAddress,
      to,
      ...content,
      tags: { kind: "share", edition: edition.id },
    });
    sent++;
  }
  await ports.editions.countShare(edition.id, "email");
  return { sent, skipped: request.to.length - sent };
}
