import { Hono } from "hono";
import { INBOX_HEADERS, inboxEmailPage, inboxListPage } from "./inbox-pages.js";
import { rawMessage, receivedEmails } from "./stored-emails.js";

/**
 * Herald's own view of the SES stand-in's inbox, on the local API port under `/local/inbox`: the
 * stand-in's page shows neither the list headers nor the raw message. `npm start` only; the API
 * Lambda never imports this.
 *
 * @example
 * const pages = localInboxRoutes();
 * await pages.request("/local/inbox");
 */
export function localInboxRoutes(): Hono {
  const app = new Hono();
  const notFound = (c: { text(t: string, s: 404, h: Record<string, string>): Response }) =>
    c.text("No such email in the local inbox.", 404, INBOX_HEADERS);
  app.get("/local/inbox", (c) => c.html(inboxListPage(receivedEmails()), 200, INBOX_HEADERS));
  app.get("/local/inbox/:id", async (c) => {
    const id = c.req.param("id");
    const email = receivedEmails().find((e) => e.messageId === id);
    if (!email) return notFound(c);
    return c.html(inboxEmailPage(email, await rawMessage(id)), 200, INBOX_HEADERS);
  });
  app.get("/local/inbox/:id/raw", async (c) => {
    const raw = await rawMessage(c.req.param("id"));
    if (raw === undefined) return notFound(c);
    return c.body(raw, 200, {
      ...INBOX_HEADERS,
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": 'attachment; filename="message.eml"',
    });
  });
  return app;
}
