import { describe, expect, it } from "vitest";
import {
  Conflict,
  HeraldError,
  InvalidRequest,
  NotFound,
  RateLimited,
} from "../../../functions/domain/errors.js";

describe("HeraldError and its kinds", () => {
  it.each([
    [new InvalidRequest("bad"), "invalid_request"],
    [new NotFound("gone"), "not_found"],
    [new Conflict("not now"), "conflict"],
    [new RateLimited("slow down"), "rate_limited"],
  ])("%s carries its code and is a HeraldError", (error, code) => {
    // Assess
    expect(error).toBeInstanceOf(HeraldError);
    expect(error.code).toBe(code);
  });

  it("keeps the error behind it as `cause`, and the field issues", () => {
    // Prepare
    const behind = new SyntaxError("Unexpected token");

    // Act
    const error = new InvalidRequest("the body is not valid JSON", {
      cause: behind,
      issues: [{ path: "title", message: "required" }],
    });

    // Assess
    expect(error.cause).toBe(behind);
    expect(error.issues).toEqual([{ path: "title", message: "required" }]);
  });

  it("takes issues as a list too, with no cause", () => {
    // Act
    const error = new HeraldError("invalid_request", "no", [{ path: "(body)", message: "empty" }]);

    // Assess
    expect(error.issues).toHaveLength(1);
    expect(error.cause).toBeUndefined();
  });
});
