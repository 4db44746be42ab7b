import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  conditionally,
  isConditionFailure,
  writeIf,
} from "../../../../functions/adapters/dynamo/conditional-write.js";

// What the SDK throws, by name and reasons: no stand-in refuses a write on demand, and these
// helpers only read the error's shape, so plain rejected promises stand in for `send`.
const cancelled = (...codes: string[]) =>
  Object.assign(new Error("Transaction cancelled"), {
    name: "TransactionCanceledException",
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
const conditionFailed = () =>
  Object.assign(new Error("The conditional request failed"), { name: "ConditionalCheckFailedException" });

const CODES = ["None", "ConditionalCheckFailed", "TransactionConflict", "ThrottlingError", "ValidationError"];

describe("conditional writes", () => {
  it("a written write is true, with its output", async () => {
    expect(await writeIf(Promise.resolve({}))).toBe(true);
    expect(await conditionally(Promise.resolve({ Attributes: { a: 1 } }))).toEqual({
      written: true,
      output: { Attributes: { a: 1 } },
    });
  });

  it("a single write whose condition failed is false, with no items to name", async () => {
    expect(await writeIf(Promise.reject(conditionFailed()))).toBe(false);
    const out = await conditionally(Promise.reject(conditionFailed()));
    expect(out).toMatchObject({ written: false, refused: [] });
  });

  it("any other error is thrown as it was", async () => {
    const hangUp = new Error("socket hang up");
    await expect(writeIf(Promise.reject(hangUp))).rejects.toBe(hangUp);
    const conflict = cancelled("TransactionConflict", "None");
    await expect(conditionally(Promise.reject(conflict))).rejects.toBe(conflict);
  });

  it("a cancelled transaction is refused exactly when an item failed its condition, and names which", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...CODES), { minLength: 1, maxLength: 10 }),
        async (codes) => {
          const error = cancelled(...codes);
          const failed = codes.map((c) => c === "ConditionalCheckFailed");
          if (!failed.includes(true)) {
            await expect(conditionally(Promise.reject(error))).rejects.toBe(error);
            return;
          }
          const out = await conditionally(Promise.reject(error));
          expect(out).toEqual({ written: false, refused: failed, error });
        },
      ),
    );
  });

  it.each([
    [{ name: "ConditionalCheckFailedException" }, true],
    [cancelled("None", "ConditionalCheckFailed"), true],
    [cancelled("ConditionalCheckFailed", "TransactionConflict"), true],
    [cancelled("TransactionConflict", "None"), false],
    [cancelled("ThrottlingError"), false],
    [cancelled(), false],
    [new Error("socket hang up"), false],
    [undefined, false],
  ])("isConditionFailure(%o) is %s", (error, expected) => {
    expect(isConditionFailure(error)).toBe(expected);
  });
});
