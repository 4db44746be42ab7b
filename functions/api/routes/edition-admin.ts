import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { EditionId } from "../../domain/edition.js";
import { HeraldError } from "../../domain/errors.js";
import { TestSendRequest } from "../../domain/test-send.js";
import type { Ports } from "../../flows/ports.js";
import { resumeEdition } from "../../flows/resume-edition.js";
import { sendTest } from "../../flows/send-test.js";
import { jsonError } from "../errors.js";
import { parseOr400 } from "../validate.js";
import { editionAnswer } from "./editions.js";

/** Ten addresses fit in well under a kilobyte; anything bigger is not a test send. */
const MAX_TEST_BODY = 16 * 1024;

/** Editors act on an edition (admin routes: the app guards them): test sends, resuming after a pause. */
export function editionAdminRoutes(app: Hono, ports: Ports) {
  app.post(
    "/v1/editions/:id/test",
    bodyLimit({
      maxSize: MAX_TEST_BODY,
      onError: (c) => jsonError(c, "payload_too_large", `the body must be at most ${MAX_TEST_BODY} bytes`),
    }),
    async (c) => {
      const id = parseOr400(EditionId, c.req.param("id"));
      let json: unknown;
      try {
        json = JSON.parse(await c.req.text());
      } catch {
        throw new HeraldError("invalid_request", "the body is not valid JSON");
      }
      const { to } = parseOr400(TestSendRequest, json, "the test send is not valid");
      try {
        const result = await sendTest(ports, id, to);
        ports.log.info("test send", { editionId: id, ...result });
        return c.json(result, 202);
      } catch (error) {
        // SES refused for rate: the contract's 429 carries a Retry-After.
        if (error instanceof HeraldError && error.code === "rate_limited") c.header("retry-after", "1");
        throw error;
      }
    },
  );

  app.post("/v1/editions/:id/resume", async (c) => {
    const id = parseOr400(EditionId, c.req.param("id"));
    await resumeEdition(ports, id);
    return c.json(await editionAnswer(ports, id));
  });
}
