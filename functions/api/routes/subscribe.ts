import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { fromForm, subscribeSchema } from "../../domain/subscription.js";
import type { Ports } from "../../flows/ports.js";
import { acceptSignUp } from "../../flows/subscribe.js";
import { clientAddress } from "../client-address.js";
import { jsonError } from "../errors.js";
import { PAGE_HEADERS, page } from "../pages/page.js";
import { readJsonOrForm } from "../read-body.js";
import { parseOr400 } from "../validate.js";

/**
 * `POST /v1/subscribers`: public sign-up, JSON or a form post. Always 202 `{"status":"pending"}`
 * (a page for a browser's form post), whether the address is new, known, or suppressed: the request
 * is only counted and queued (`flows/subscribe.ts`); 429 past the client's or the inbox's limit.
 */
export function subscribeRoutes(app: Hono, ports: Ports) {
  const schema = subscribeSchema(ports.config.topics);
  app.post(
    "/v1/subscribers",
    bodyLimit({
      maxSize: 16 * 1024,
      onError: (c) => jsonError(c, "payload_too_large", "the body must be at most 16 KB"),
    }),
    async (c) => {
      const ip = clientAddress(c);
      const { body, form } = await readJsonOrForm(c);
      const request = parseOr400(schema, form ? fromForm(body) : body, "the sign-up is not valid");
      const consent = {
        source: form ? "form" : "api",
        ip,
        userAgent: c.req.header("user-agent")?.slice(0, 300),
      };
      const accepted = await acceptSignUp(ports, request, consent, ip);
      if (!accepted.ok) {
        c.header("retry-after", String(accepted.retryAfter));
        return jsonError(c, "rate_limited", "too many sign-ups; try again later");
      }
      if (form && /text\/html/.test(c.req.header("accept") ?? "")) {
        return c.html(
          page(
            ports.config,
            "Check your inbox",
            "<p>If this address can receive our emails, a confirmation link is on its way. Click it to start your subscription.</p>",
          ),
          202,
          PAGE_HEADERS,
        );
      }
      return c.json({ status: "pending" }, 202);
    },
  );
}
