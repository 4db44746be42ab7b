import { describe, expect, it } from "vitest";
import { completionChecks, owingCompletion } from "../../../functions/flows/completion-checks.js";

/** A completion check that records which editions it was asked about, or fails when told. */
function checker(failing = false) {
  const asked: string[] = [];
  const check = async (id: string) => {
    asked.push(id);
    if (failing) throw new Error("DynamoDB is away");
  };
  return { asked, check };
}

describe("completionChecks", () => {
  it("checks once, when the last chunk of an edition at work ends, for what any of them owed", async () => {
    const { asked, check } = checker();
    const checks = completionChecks(check);
    checks.enter("ed_a");
    checks.enter("ed_a");

    await checks.leave("ed_a", true);
    expect(asked).toEqual([]);
    await checks.leave("ed_a", false);

    expect(asked).toEqual(["ed_a"]);
  });

  it("checks a lone chunk's edition at once, and none when nobody owed one", async () => {
    const { asked, check } = checker();
    const checks = completionChecks(check);

    checks.enter("ed_a");
    await checks.leave("ed_a", false);
    checks.enter("ed_a");
    await checks.leave("ed_a", true);

    expect(asked).toEqual(["ed_a"]);
  });

  it("keeps editions apart: one still at work does not hold back another's check", async () => {
    const { asked, check } = checker();
    const checks = completionChecks(check);
    checks.enter("ed_a");
    checks.enter("ed_b");

    await checks.leave("ed_b", true);

    expect(asked).toEqual(["ed_b"]);
  });
});

describe("owingCompletion", () => {
  it("makes the check another chunk owed even when this one fails, and keeps this one's error", async () => {
    const { asked, check } = checker();
    const ports = {
      editions: {
        completeIfFinished: async (id: string) => {
          await check(id);
          return true;
        },
      },
    };
    const release = { first: () => {}, second: () => {} };
    const held = (name: keyof typeof release) =>
      new Promise<void>((r) => {
        release[name] = r;
      });
    const first = owingCompletion(ports as never, "ed_a", async (owe) => {
      await held("first");
      owe();
      return "done";
    });
    const second = owingCompletion(ports as never, "ed_a", async () => {
      await held("second");
      throw new Error("SES answered nothing");
    });
    const secondSettled = second.catch((e: Error) => e.message);

    release.first();
    await expect(first).resolves.toBe("done");
    expect(asked).toEqual([]);
    release.second();

    expect(await secondSettled).toBe("SES answered nothing");
    expect(asked).toEqual(["ed_a"]);
  });

  it("fails a chunk whose owed check fails, so its message comes back and checks again", async () => {
    const { check } = checker(true);
    const ports = {
      editions: {
        completeIfFinished: async (id: string) => {
          await check(id);
          return true;
        },
      },
    };

    const done = owingCompletion(ports as never, "ed_a", async (owe) => {
      owe();
      return "done";
    });

    await expect(done).rejects.toThrow("DynamoDB is away");
  });
});
