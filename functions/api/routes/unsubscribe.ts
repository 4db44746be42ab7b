import type { Hono } from "hono";
import { sentEmailOf } from "../../domain/recipient-links.js";
import { escapeHtml } from "../../domain/text.js";
import { verifyToken } from "../../domain/tokens.js";
import type { Ports } from "../../flows/ports.js";
import { unsubscribe } from "../../flows/unsubscribe.js";
import { PAGE_HEADERS, page } from "../pages/page.js";

/**
 * Unsubscribe (RFC 8058). A GET only shows a one-button form, because link scanners follow GETs;
 * the POST, which mailbox providers send as `List-Unsubscribe=One-Click`, takes effect at once,
 * with no cookie and no other check than the signed token.
 */
export function unsubscribeRoutes(app: Hono, ports: Ports) {
  const refuse = (reason: string) =>
    page(
      ports.config,
      "This link does not work",
      `<p>${escapeHtml(reason)}. Use the unsubscribe link of a recent email.</p>`,
    );
  const check = (token: string | undefined) =>
    verifyToken(ports.secrets.tokenKeys, "unsubscribe", token, Math.floor(ports.now().getTime() / 1000));

  app.get("/v1/unsubscribe", (c) => {
    const token = c.req.query("token");
    const result = check(token);
    if (!result.ok) return c.html(refuse("The link is not valid"), 400, PAGE_HEADERS);
    // `via=page`: the reader came through the footer link's page, not their mail app's one-click button.
    const from = sentEmailOf(c.req.query("e"));
    const action = `/v1/unsubscribe?token=${encodeURIComponent(token as string)}&via=page${from ? `&e=${from}` : ""}`;
    return c.html(
      page(
        ports.config,
        "Unsubscribe",
        `<p>Stop receiving email from ${escapeHtml(ports.config.brand.name)}?</p>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
      ),
      200,
      PAGE_HEADERS,
    );
  });

  app.post("/v1/unsubscribe", async (c) => {
    const result = check(c.req.query("token"));
    if (!result.ok) return c.html(refuse("The link is not valid"), 400, PAGE_HEADERS);
    const way = c.req.query("via") === "page" ? "footer" : "one-click";
    const changed = await unsubscribe(ports, result.subject, way, sentEmailOf(c.req.query("e")));
    ports.log.info("unsubscribed", { subscriberId: result.subject, changed: Boolean(changed) });
    return c.html(
      page(ports.config, "You are unsubscribed", "<p>You will not receive these emails any more.</p>"),
      200,
      PAGE_HEADERS,
    );
  });
}
