import type { Hono } from "hono";
import { HeraldError, NotFound } from "../../domain/errors.js";
import { normalizeEmail, subscriberId } from "../../domain/subscriber.js";
import { erase, liftSuppression } from "../../flows/manage-subscription.js";
import type { Ports } from "../../flows/ports.js";

const idOf = (raw: string) => {
  const email = normalizeEmail(raw);
  if (!email)
    throw new HeraldError("invalid_request", "not an email address", [{ path: "email", message: "invalid" }]);
  return subscriberId(email);
};

/** Admin (the app guards these): erase a subscriber (GDPR), lift a suppression. */
export function erasureRoutes(app: Hono, ports: Ports) {
  app.delete("/v1/subscribers/:email", async (c) => {
    const id = idOf(c.req.param("email"));
    if (!(await erase(ports, id))) throw new NotFound("no such subscriber");
    ports.log.info("subscriber erased", { subscriberId: id });
    return c.json({ erased: true, suppressed: true });
  });

  app.delete("/v1/suppressions/:email", async (c) => {
    const id = idOf(c.req.param("email"));
    if (!(await liftSuppression(ports, id))) throw new NotFound("the address is not suppressed");
    ports.log.info("suppression lifted", { subscriberId: id });
    return c.json({ suppressed: false });
  });
}
