import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { sentEmailOf } from "../../domain/recipient-links.js";
import { fromForm, preferencesSchema } from "../../domain/subscription.js";
import { verifyToken } from "../../domain/tokens.js";
import { savePreferences } from "../../flows/manage-subscription.js";
import type { Ports } from "../../flows/ports.js";
import { unsubscribe } from "../../flows/unsubscribe.js";
import { jsonError } from "../errors.js";
import { PAGE_HEADERS, page } from "../pages/page.js";
import { preferencesPage } from "../pages/preferences-page.js";
import { readJsonOrForm } from "../read-body.js";
import { parseOr400 } from "../validate.js";

const LEFT_MEANWHILE =
  "You unsubscribed after this page was loaded, so nothing was changed. To subscribe again, choose below and save.";

/** `GET /v1/preferences?token=…` shows the preference center; `POST` (form or JSON) changes it. */
export function preferencesRoutes(app: Hono, ports: Ports) {
  const schema = preferencesSchema(ports.config.topics);
  const refuse = () =>
    page(
      ports.config,
      "This link does not work",
      "<p>Use the preferences link of a recent email from us.</p>",
    );
  const subject = (token: string | undefined) =>
    verifyToken(ports.secrets.tokenKeys, "preferences", token, Math.floor(ports.now().getTime() / 1000));

  app.get("/v1/preferences", async (c) => {
    const check = subject(c.req.query("token"));
    const subscriber = check.ok ? await ports.subscribers.get(check.subject) : undefined;
    if (!subscriber || subscriber.status === "suppressed")
      return c.html(refuse(), check.ok ? 404 : 400, PAGE_HEADERS);
    return c.html(
      preferencesPage(ports.config, subscriber, c.req.url.replace(/^https?:\/\/[^/]+/, "")),
      200,
      PAGE_HEADERS,
    );
  });

  app.post(
    "/v1/preferences",
    bodyLimit({
      maxSize: 16 * 1024,
      onError: (c) => jsonError(c, "payload_too_large", "the body must be at most 16 KB"),
    }),
    async (c) => {
      const check = subject(c.req.query("token"));
      if (!check.ok) return c.html(refuse(), 400, PAGE_HEADERS);
      const { body, form } = await readJsonOrForm(c);
      const choice = parseOr400(schema, form ? fromForm(body) : body, "the preferences are not valid");
      const outcome =
        choice.action === "unsubscribe"
          ? await unsubscribe(ports, check.subject, "preferences", sentEmailOf(c.req.query("e")))
          : await savePreferences(ports, check.subject, choice);
      const current = await ports.subscribers.get(check.subject);
      if (!current || current.status === "suppressed") return c.html(refuse(), 404, PAGE_HEADERS);
      ports.log.info("preferences changed", {
        subscriberId: check.subject,
        action: choice.action,
        outcome: String(outcome),
      });
      const action = c.req.url.replace(/^https?:\/\/[^/]+/, "");
      if (outcome === "left") {
        // Unsubscribed after this page was loaded: the unsubscribe stands until they choose again.
        if (!form)
          return jsonError(
            c,
            "conflict",
            "unsubscribed meanwhile; send `resubscribe: true` to subscribe again",
          );
        return c.html(preferencesPage(ports.config, current, action, LEFT_MEANWHILE), 409, PAGE_HEADERS);
      }
      if (!form) return c.json({ status: current.status, topics: current.topics, cadence: current.cadence });
      const notice =
        choice.action === "unsubscribe" ? "You are unsubscribed from everything." : "Your choices are saved.";
      return c.html(preferencesPage(ports.config, current, action, notice), 200, PAGE_HEADERS);
    },
  );
}
