import { describe, expect, it } from "vitest";
import { recentReads } from "../../../../functions/adapters/dynamo/recent-reads.js";

/** A read that records which ids it was asked for and answers `<id>@<call number>`. */
function recordingRead() {
  const calls: string[][] = [];
  const read = async (ids: string[]) => {
    calls.push(ids);
    return new Map(ids.map((id) => [id, `${id}@${calls.length}`]));
  };
  return { calls, read };
}

describe("recentReads", () => {
  it("reads an id again only once its value is older than maxAgeMs", async () => {
    // Prepare
    let now = 1_000;
    const { calls, read } = recordingRead();
    const reads = recentReads(read, { maxAgeMs: 2_000, now: () => now });

    // Act
    const first = await reads(["a", "b"]);
    now += 1_999;
    const second = await reads(["a", "b", "c"]);
    now += 1;
    const third = await reads(["a", "c"]);

    // Assess
    expect(calls).toEqual([["a", "b"], ["c"], ["a"]]);
    expect([...first]).toEqual([
      ["a", "a@1"],
      ["b", "b@1"],
    ]);
    expect(second.get("a")).toBe("a@1");
    expect(second.get("c")).toBe("c@2");
    expect(third.get("a")).toBe("a@3");
    expect(third.get("c")).toBe("c@2");
  });

  it("lets requests that arrive together share one read", async () => {
    const { calls, read } = recordingRead();
    const reads = recentReads(read, { maxAgeMs: 2_000, now: () => 0 });

    const [x, y] = await Promise.all([reads(["a"]), reads(["a"])]);

    expect(calls).toEqual([["a"]]);
    expect(x.get("a")).toBe("a@1");
    expect(y.get("a")).toBe("a@1");
  });

  it("forgets a failed read, so the next request reads again", async () => {
    let fail = true;
    const calls: string[][] = [];
    const reads = recentReads(
      async (ids: string[]) => {
        calls.push(ids);
        if (fail) throw new Error("throttled");
        return new Map(ids.map((id) => [id, 7]));
      },
      { maxAgeMs: 60_000, now: () => 0 },
    );

    await expect(reads(["a"])).rejects.toThrow("throttled");
    fail = false;

    expect((await reads(["a"])).get("a")).toBe(7);
    expect(calls).toEqual([["a"], ["a"]]);
  });

  it("keeps at most maxEntries ids, and still answers a request larger than that", async () => {
    const { calls, read } = recordingRead();
    const reads = recentReads(read, { maxAgeMs: 60_000, maxEntries: 2, now: () => 0 });

    const all = await reads(["a", "b", "c"]);
    await reads(["c"]);
    await reads(["a"]);

    expect([...all.values()]).toEqual(["a@1", "b@1", "c@1"]);
    // "a" was the oldest kept, so it was let go; "c" was still kept.
    expect(calls).toEqual([["a", "b", "c"], ["a"]]);
  });

  it("answers undefined for an id the read did not find", async () => {
    const reads = recentReads(async () => new Map<string, number>(), { maxAgeMs: 1, now: () => 0 });

    expect((await reads(["gone"])).get("gone")).toBeUndefined();
  });
});
