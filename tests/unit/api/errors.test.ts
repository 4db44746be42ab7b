import { Logger } from "@aws-lambda-powertools/logger";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { onError, statusOf } from "../../../functions/api/errors.js";
import { Conflict, type ErrorCode, HeraldError, NotFound } from "../../../functions/domain/errors.js";

/** An app whose one route throws `error`, answered through Herald's error handler. */
function throwing(error: Error) {
  const app = new Hono();
  app.onError(onError(new Logger({ logLevel: "SILENT" })));
  app.get("/", () => {
    throw error;
  });
  return app;
}

describe("the API's error mapping", () => {
  it.each(Object.entries(statusOf) as Array<[ErrorCode, number]>)(
    "%s → %i with the JSON shape",
    async (code, status) => {
      // Act
      const res = await throwing(new HeraldError(code, "because")).request("/");

      // Assess
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ error: { code, message: "because" } });
    },
  );

  it("answers a typed error by its code, and never shows its cause", async () => {
    // Act
    const notFound = await throwing(new NotFound("no such edition")).request("/");
    const conflict = await throwing(
      new Conflict("sent already", { cause: new Error("secret detail") }),
    ).request("/");

    // Assess
    expect(notFound.status).toBe(404);
    expect(conflict.status).toBe(409);
    expect(await conflict.text()).not.toContain("secret detail");
  });

  it("answers anything else 500 without its message", async () => {
    // Act
    const res = await throwing(new Error("table herald is gone")).request("/");

    // Assess
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("herald");
  });
});
