import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { EditionId } from "../../domain/edition.js";
import { HeraldError } from "../../domain/errors.js";
import { isShareNetwork, shareTarget } from "../../domain/share.js";
import { shareOnce } from "../../domain/share-count.js";
import { ShareEmailRequest } from "../../domain/share-email.js";
import type { Ports } from "../../flows/ports.js";
import { shareByEmail } from "../../flows/share-by-email.js";
import { clientAddress } from "../client-address.js";
import { jsonError } from "../errors.js";
import { readJsonOrForm } from "../read-body.js";
import { parseOr400 } from "../validate.js";

/** Emails to friends per client address per hour (each up to 5 recipients). */
export const SHARE_EMAILS_PER_HOUR = 10;

/**
 * `GET /v1/share/{editionId}/{network}`: the "Spread the News" links of every email land here. The
 * share is counted (once per client a day), then the reader goes on to the network's share page with a UTM-tagged URL.
 */
export function shareRoutes(app: Hono, ports: Ports) {
  app.post(
    "/v1/share/email",
    bodyLimit({
      maxSize: 16 * 1024,
      onError: (c) => jsonError(c, "payload_too_large", "the body must be at most 16 KB"),
    }),
    async (c) => {
      const limit = await ports.rateLimiter.hit("share-email", clientAddress(c), SHARE_EMAILS_PER_HOUR, 3600);
      if (!limit.ok) {
        c.header("retry-after", String(limit.retryAfter));
        return jsonError(c, "rate_limited", "too many shares from this address; try again later");
      }
      const { body, form } = await readJsonOrForm(c);
      // A form repeats `to`; one friend arrives as a lone string.
      const input = form && body.to !== undefined ? { ...body, to: [body.to].flat() } : body;
      const request = parseOr400(ShareEmailRequest, input, "the share is not valid");
      const perDay = ports.config.shareEmailsPerDay;
      if (perDay === 0) return jsonError(c, "not_found", "emailing articles is turned off");
      // The whole feature's budget: every recipient counts, whoever the reader.
      const today = await ports.rateLimiter.hit("share-email-day", "all", perDay, 86400, request.to.length);
      if (!today.ok) {
        c.header("retry-after", String(today.retryAfter));
        return jsonError(c, "rate_limited", "emailing articles has reached today's limit; try again later");
      }
      const result = await shareByEmail(ports, request);
      ports.log.info("article shared by email", {
        editionId: request.editionId,
        recipients: request.to.length,
        sent: result.sent,
      });
      // Suppressed, unsubscribed and over-limit friends are skipped silently: the answer is the same.
      return c.json({ status: "accepted" }, 202);
    },
  );

  app.get("/v1/share/:editionId/:network", async (c) => {
    const { editionId, network } = c.req.param();
    if (!isShareNetwork(network)) {
      throw new HeraldError("not_found", "no such network", [
        { path: "network", message: "unknown network" },
      ]);
    }
    const edition = EditionId.safeParse(editionId).success ? await ports.editions.get(editionId) : undefined;
    if (!edition) throw new HeraldError("not_found", "no such edition");
    // Once per client, edition and network a day: a loop of GETs inflates nothing and costs one write.
    const nowSeconds = Math.floor(ports.now().getTime() / 1000);
    await ports.editions.countShare(
      editionId,
      network,
      shareOnce(clientAddress(c), editionId, network, nowSeconds),
    );
    c.header("cache-control", "no-store");
    c.header("referrer-policy", "no-referrer");
    return c.redirect(shareTarget(network, edition.article.url, edition.article.title, editionId), 302);
  });
}
