import { HeraldError } from "../domain/errors.js";
import { taggedArticleUrl } from "../domain/share.js";
import { type ShareEmailRequest, shareEmailContent } from "../domain/share-email.js";
import { subscriberId } from "../domain/subscriber.js";
import type { Ports } from "./ports.js";

/**
 * "Email this article to a friend": one fixed-wording email per friend, from the newsroom's own
 * address. Suppressed addresses are skipped without a word (the sender learns nothing about them);
 * the share is counted on the edition like a link share to `email`.
 */
export async function shareByEmail(ports: Ports, request: ShareEmailRequest) {
  const edition = await ports.editions.get(request.editionId);
  if (!edition) throw new HeraldError("not_found", "no such edition");
  const suppressed = await ports.suppressions.suppressedAmong(request.to.map(subscriberId));
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
    if (suppressed.has(subscriberId(to))) continue;
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
