import type { Hono } from "hono";
import { EditionId } from "../../domain/edition.js";
import { HeraldError } from "../../domain/errors.js";
import { isShareNetwork, shareTarget } from "../../domain/share.js";
import type { Ports } from "../../flows/ports.js";

/**
 * `GET /v1/share/{editionId}/{network}`: the "Spread the News" links of every email land here. The
 * share is counted, then the reader goes on to the network's share page with a UTM-tagged URL.
 */
export function shareRoutes(app: Hono, ports: Ports) {
  app.get("/v1/share/:editionId/:network", async (c) => {
    const { editionId, network } = c.req.param();
    if (!isShareNetwork(network)) {
      throw new HeraldError("not_found", "no such network", [
        { path: "network", message: "unknown network" },
      ]);
    }
    const edition = EditionId.safeParse(editionId).success ? await ports.editions.get(editionId) : undefined;
    if (!edition) throw new HeraldError("not_found", "no such edition");
    await ports.editions.countShare(editionId, network);
    c.header("cache-control", "no-store");
    c.header("referrer-policy", "no-referrer");
    return c.redirect(shareTarget(network, edition.article.url, edition.article.title, editionId), 302);
  });
}
