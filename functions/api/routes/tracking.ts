import { randomUUID } from "node:crypto";
import type { Context, Hono } from "hono";
import { escapeHtml } from "../../domain/text.js";
import { clickMachineReason, openMachineReason } from "../../domain/tracking/machine-signals.js";
import { tracksClicks, tracksOpens } from "../../domain/tracking/mode.js";
import { readTrackToken } from "../../domain/tracking/track-token.js";
import type { Ports } from "../../flows/ports.js";
import { targetLinks } from "../../flows/target-links.js";
import { clientAddress } from "../client-address.js";
import { PAGE_HEADERS, page } from "../pages/page.js";

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const NO_STORE = { "cache-control": "no-store, private", "referrer-policy": "no-referrer" };

/**
 * The tracked link (`/r/<token>`) and the open pixel (`/o/<token>`), public. A link always takes
 * the reader to the email's own link the token names, counted or not: a mangled, tampered or
 * expired token still lands on the article, and nothing in the request can name another URL (the
 * token holds an index into the stored email's links, never a URL). Counting never fails a reader:
 * the hit is queued for the recorder (`flows/record-engagements.ts`), which counts in batches.
 */
export function trackingRoutes(app: Hono, ports: Ports) {
  const count = async (c: Context, token: string, kind: "click" | "open") => {
    const nowSeconds = Math.floor(ports.now().getTime() / 1000);
    const { ref, counts } = readTrackToken(ports.secrets.tokenKeys, token, nowSeconds);
    if (!ref || ref.kind !== kind) return { ref: undefined, url: undefined };
    const links = await targetLinks(ports, ref.target, ref.variant);
    const url = kind === "click" ? links?.[ref.link] : undefined;
    if (!counts || !links || (kind === "click" && !url)) return { ref, url };
    const mode = ports.config.tracking;
    if (kind === "click" ? !tracksClicks(mode) : !tracksOpens(mode)) return { ref, url };
    const hit = { method: c.req.method, userAgent: c.req.header("user-agent"), ip: clientAddress(c) };
    const machine = (kind === "click" ? clickMachineReason(hit) : openMachineReason(hit)) !== undefined;
    const event = {
      id: randomUUID().replaceAll("-", "").slice(0, 16),
      kind,
      target: ref.target,
      recipient: ref.recipient,
      sentAt: ref.sentAt,
      url,
      at: ports.now().getTime(),
      machine,
    };
    try {
      // Counted by the recorder in batches: the reader waits for the queue, not for the counting.
      await ports.engagementQueue.send([event]);
    } catch (error) {
      ports.log.error("engagement not counted", { kind, target: ref.target, error: (error as Error).name });
    }
    return { ref, url };
  };

  const click = async (c: Context) => {
    const { url } = await count(c, c.req.param("token") ?? "", "click");
    if (!url) {
      const body = page(
        ports.config,
        "This link does not work",
        `<p>We could not find this link. The latest stories are on <a href="${escapeHtml(ports.config.publicUrl)}">${escapeHtml(ports.config.brand.name)}</a>.</p>`,
      );
      return c.html(body, 404, PAGE_HEADERS);
    }
    return c.body(null, 302, { location: url, ...NO_STORE });
  };
  const open = async (c: Context) => {
    await count(c, (c.req.param("token") ?? "").replace(/\.gif$/, ""), "open");
    return c.body(PIXEL, 200, { "content-type": "image/gif", ...NO_STORE });
  };
  // Hono answers HEAD with the GET route (without a body); `c.req.method` still says HEAD.
  app.get("/r/:token", click);
  app.get("/o/:token", open);
}
