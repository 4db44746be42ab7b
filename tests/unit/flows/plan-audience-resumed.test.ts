import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EditionRecord } from "../../../functions/flows/ports.js";
import { memoryPorts } from "../../helpers/memory-ports/memory-ports.js";
import {
  chunksOf,
  FIFTY_A_CHUNK,
  members,
  planAgain,
  planningEdition,
  walkOver,
} from "../../helpers/partition-walk.js";

describe("planPartition resumed after a planner died anywhere", () => {
  it("plans everyone who stayed exactly once, whoever left or joined in between", async () => {
    const audienceChange = fc.record({
      size: fc.integer({ min: 1, max: 700 }),
      diesAfter: fc.integer({ min: 0, max: 14 }),
      left: fc.uniqueArray(fc.integer({ min: 0, max: 699 }), { maxLength: 60 }),
      joined: fc.uniqueArray(fc.integer({ min: 0, max: 750 }), { maxLength: 60 }),
    });
    await fc.assert(
      fc.asyncProperty(audienceChange, async ({ size, diesAfter, left, joined }) => {
        // Prepare: the first planner dies after storing `diesAfter` chunks; then readers leave and join.
        const ports = memoryPorts({ config: FIFTY_A_CHUNK });
        const edition = await planningEdition(ports);
        let audience = members(size);
        const createOrGet = ports.chunks.createOrGet;
        let created = 0;
        ports.chunks.createOrGet = async (...args) => {
          if (created++ === diesAfter) throw new Error("planner died");
          return createOrGet(...args);
        };
        const died = await planAgain(
          ports,
          edition.id,
          walkOver(() => audience),
        ).then(
          () => false,
          () => true,
        );
        ports.chunks.createOrGet = createOrGet;
        // Who joins past the chunks the dead planner stored must be planned by the resumed one.
        const storedUpTo =
          [...ports.chunks.stored.values()]
            .map((c) => c.lastKey)
            .sort()
            .at(-1) ?? "";
        const gone = new Set(left);
        const kept = audience.filter((_, i) => !gone.has(i));
        const stayed = kept.map((m) => m.id);
        const newcomers = joined.map((n) => `m${String(n).padStart(4, "0")}j`);
        audience = [...kept, ...newcomers.map((id) => ({ id, key: id, topics: [""] }))];

        // Act
        await planAgain(
          ports,
          edition.id,
          walkOver(() => audience),
        );

        // Assess: nobody twice, everyone who stayed, and newcomers past the stored chunks.
        const planned = chunksOf(ports).flat();
        expect(new Set(planned).size).toBe(planned.length);
        const plannedOnce = new Set(planned);
        expect(stayed.filter((id) => !plannedOnce.has(id))).toEqual([]);
        // A planner that finished before they joined leaves them out, as a finished plan must.
        if (died) expect(newcomers.filter((id) => id > storedUpTo && !plannedOnce.has(id))).toEqual([]);
        const stored = (await ports.editions.get(edition.id)) as EditionRecord;
        expect(stored.counts.planned).toBe(planned.length);
        expect(stored.chunksTotal).toBe(ports.chunks.stored.size);
        expect(chunksOf(ports).every((c) => c.length <= 50)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
