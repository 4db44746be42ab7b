import { describe, expect, it } from "vitest";
import { ownsMember, partitionName, partitionsFor } from "../../../functions/domain/audience.js";

describe("audience ownership", () => {
  const edition = ["world", "politics", "business"];

  it("gives a subscriber of several edition topics to the first of them only", () => {
    const member = ["business", "politics"];
    // The member is found in the politics (1) and business (2) partitions; only politics owns them.
    const foundIn = [0, 1, 2].filter((i) => member.includes(edition[i] as string));
    expect(foundIn.filter((i) => ownsMember(edition, i, member))).toEqual([1]);
  });

  it("keeps a subscriber whose other topics are not in the edition", () => {
    expect(ownsMember(edition, 2, ["culture", "business"])).toBe(true);
  });

  it("walks every topic × cadence × shard once, in a stable order with distinct names", () => {
    const parts = partitionsFor(["world", "politics"], ["instant", "daily"], 3);
    expect(parts).toHaveLength(12);
    expect(new Set(parts.map(partitionName)).size).toBe(12);
    expect(parts.map(partitionName)).toEqual(
      partitionsFor(["world", "politics"], ["instant", "daily"], 3).map(partitionName),
    );
  });
});
