import type { Hono } from "hono";
import { choicesToConfirm, confirmSignUp } from "../../domain/sign-up.js";
import { escapeHtml } from "../../domain/text.js";
import { issueToken, verifyToken } from "../../domain/tokens.js";
import { confirm } from "../../flows/manage-subscription.js";
import type { Ports } from "../../flows/ports.js";
import { PAGE_HEADERS, page } from "../pages/page.js";

const cadenceText = { instant: "each article as it is published", daily: "one daily briefing" };

/**
 * The double opt-in link. Mail gateways and link scanners follow every link in an email, so the GET
 * only shows what would be confirmed and a one-button form; the POST that button sends confirms. A
 * sign-up someone else made for an address is confirmed only by a person at that address.
 */
export function confirmRoutes(app: Hono, ports: Ports) {
  const check = (token: string | undefined) =>
    verifyToken(ports.secrets.tokenKeys, "confirm", token, Math.floor(ports.now().getTime() / 1000));
  const invalid = (expired: boolean) =>
    page(
      ports.config,
      "This link does not work",
      `<p>This confirmation link is not valid${expired ? " any more" : ""}. Please sign up again.</p>`,
    );
  const gone = page(
    ports.config,
    "This link does not work",
    "<p>This subscription can no longer be confirmed. Please sign up again.</p>",
  );

  app.get("/v1/confirm", async (c) => {
    const token = c.req.query("token");
    const result = check(token);
    if (!result.ok) return c.html(invalid(result.reason === "token expired"), 400, PAGE_HEADERS);
    const subscriber = await ports.subscribers.get(result.subject);
    if (!subscriber || !confirmSignUp(subscriber, ports.now())) {
      return subscriber?.status === "active"
        ? c.html(
            page(ports.config, "You are subscribed", "<p>Nothing left to confirm.</p>"),
            200,
            PAGE_HEADERS,
          )
        : c.html(gone, 404, PAGE_HEADERS);
    }
    const { topics, cadence } = choicesToConfirm(subscriber, ports.now());
    const action = `/v1/confirm?token=${encodeURIComponent(token as string)}`;
    return c.html(
      page(
        ports.config,
        "Confirm your subscription",
        `<p>Receive ${escapeHtml(cadenceText[cadence])} from ${escapeHtml(ports.config.brand.name)} about: ${escapeHtml(topics.join(", "))}?</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit">Confirm my subscription</button></form>`,
      ),
      200,
      PAGE_HEADERS,
    );
  });

  app.post("/v1/confirm", async (c) => {
    const result = check(c.req.query("token"));
    if (!result.ok) return c.html(invalid(result.reason === "token expired"), 400, PAGE_HEADERS);
    const outcome = await confirm(ports, result.subject);
    ports.log.info("confirmation", { subscriberId: result.subject, result: outcome });
    if (outcome === "unknown" || outcome === "suppressed") return c.html(gone, 404, PAGE_HEADERS);
    const nowSeconds = Math.floor(ports.now().getTime() / 1000);
    const preferences = `${ports.config.publicUrl}/v1/preferences?token=${issueToken(ports.secrets.tokenKeys, "preferences", result.subject, 0, nowSeconds)}`;
    return c.html(
      page(
        ports.config,
        outcome === "confirmed" ? "You are subscribed" : "You were already subscribed",
        `<p>Welcome to ${escapeHtml(ports.config.brand.name)}.</p><p><a href="${escapeHtml(preferences)}">Choose your topics and how often you hear from us</a>.</p>`,
      ),
      200,
      PAGE_HEADERS,
    );
  });
}
