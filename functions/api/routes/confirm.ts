import type { Hono } from "hono";
import { escapeHtml } from "../../domain/text.js";
import { issueToken, verifyToken } from "../../domain/tokens.js";
import { confirm } from "../../flows/manage-subscription.js";
import type { Ports } from "../../flows/ports.js";
import { PAGE_HEADERS, page } from "../pages/page.js";

/**
 * `GET /v1/confirm?token=…`: the one GET that changes state, because it is the double opt-in link
 * itself. A link scanner that follows it only confirms an address that asked to subscribe.
 */
export function confirmRoutes(app: Hono, ports: Ports) {
  app.get("/v1/confirm", async (c) => {
    const nowSeconds = Math.floor(ports.now().getTime() / 1000);
    const check = verifyToken(ports.secrets.tokenKeys, "confirm", c.req.query("token"), nowSeconds);
    if (!check.ok) {
      const body = `<p>This confirmation link is not valid${check.reason === "token expired" ? " any more" : ""}. Please sign up again.</p>`;
      return c.html(page(ports.config, "This link does not work", body), 400, PAGE_HEADERS);
    }
    const result = await confirm(ports, check.subject);
    ports.log.info("confirmation", { subscriberId: check.subject, result });
    if (result === "unknown" || result === "suppressed") {
      return c.html(
        page(
          ports.config,
          "This link does not work",
          "<p>This subscription can no longer be confirmed. Please sign up again.</p>",
        ),
        404,
        PAGE_HEADERS,
      );
    }
    const preferences = `${ports.config.publicUrl}/v1/preferences?token=${issueToken(ports.secrets.tokenKeys, "preferences", check.subject, 0, nowSeconds)}`;
    return c.html(
      page(
        ports.config,
        result === "confirmed" ? "You are subscribed" : "You were already subscribed",
        `<p>Welcome to ${escapeHtml(ports.config.brand.name)}.</p><p><a href="${escapeHtml(preferences)}">Choose your topics and how often you hear from us</a>.</p>`,
      ),
      200,
      PAGE_HEADERS,
    );
  });
}
