import { describe, expect, it } from "vitest";
import { loggableError } from "../../../functions/domain/redact.js";

describe("loggableError", () => {
  it("keeps the errors behind an error, each redacted like the first", () => {
    const socket = Object.assign(new Error("connect ECONNREFUSED for reader@example.org"), {
      name: "SocketError",
    });
    const sdk = new Error("SES refused", { cause: socket });
    const ours = new TypeError("request failed", { cause: sdk });

    expect(loggableError(ours)).toEqual({
      name: "TypeError",
      message: "request failed",
      cause: {
        name: "Error",
        message: "SES refused",
        cause: { name: "SocketError", message: "connect ECONNREFUSED for [email]" },
      },
    });
  });

  it("an error without a cause is its name and message alone", () => {
    expect(loggableError(new RangeError("too big"))).toEqual({ name: "RangeError", message: "too big" });
    expect(loggableError("plain text")).toEqual({ name: "Error", message: "plain text" });
  });

  it("a cause chain that loops stops a few errors deep", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    (a as { cause?: unknown }).cause = b;
    let depth = 0;
    for (let e = loggableError(a); e.cause; e = e.cause) depth++;
    expect(depth).toBe(3);
  });
});
