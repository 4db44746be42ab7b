import type { Hono } from "hono";
import type * as z from "zod";
import type { Ports } from "../../flows/ports.js";
import type { SocialAccountsView } from "../schemas.js";

/**
 * `GET /v1/social/accounts` (admin): the configured social accounts and whether a person must act
 * on one (its credentials died). Read from the table: the API never holds social credentials.
 */
export function socialAccountRoutes(app: Hono, ports: Ports) {
  app.get("/v1/social/accounts", async (c) => {
    const accounts = await ports.socialAccounts.list();
    return c.json({ accounts } satisfies z.infer<typeof SocialAccountsView>);
  });
}
