import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CountedPositions,
  type DeliverySlot,
  deliverySlot,
  newDeliveries,
  slotKey,
  slotTags,
} from "../../../functions/domain/delivery-slots.js";

const EDITION = "ed_abcdefghijklmnopqrstuv";

describe("a delivery's slot, from its tags", () => {
  it("round-trips the tags the send worker puts on a chunk and its entries", () => {
    const tags = slotTags("p0#12");
    expect(tags).toBeDefined();
    const message = { ...tags?.chunk, ...tags?.position(17) };
    const asSesPublishes = Object.fromEntries(Object.entries(message).map(([k, v]) => [k, [v]]));
    expect(deliverySlot(EDITION, asSesPublishes)).toEqual({
      editionId: EDITION,
      chunk: "p0-12",
      position: 17,
    });
  });

  it("names no slot without an edition, a chunk or a numeric position (older sends, test sends)", () => {
    expect(deliverySlot(undefined, { chunk: ["0"], pos: ["1"] })).toBeUndefined();
    expect(deliverySlot(EDITION, { pos: ["1"] })).toBeUndefined();
    expect(deliverySlot(EDITION, { chunk: ["0"] })).toBeUndefined();
    expect(deliverySlot(EDITION, { chunk: ["0"], pos: ["-1"] })).toBeUndefined();
    expect(deliverySlot(EDITION, { chunk: ["a b"], pos: ["1"] })).toBeUndefined();
    expect(deliverySlot(EDITION, undefined)).toBeUndefined();
  });

  it("tags no chunk whose key does not fit a tag value", () => {
    expect(slotTags("p0 12")).toBeUndefined();
  });
});

describe("the new deliveries of a batch", () => {
  const slot = (chunk: string, position: number, editionId = EDITION): DeliverySlot => ({
    editionId,
    chunk,
    position,
  });

  it("counts a position once, however often the batch names it, and not at all if stored", () => {
    const stored = new Map<string, CountedPositions>([
      [slotKey(slot("0", 0)), { positions: new Set([1]), version: 3 }],
    ]);
    const out = newDeliveries([slot("0", 1), slot("0", 2), slot("0", 2), slot("1", 0)], stored);
    expect(out.perEdition.get(EDITION)).toBe(2);
    expect(out.chunks).toEqual([
      { editionId: EDITION, chunk: "0", added: [2], version: 3 },
      { editionId: EDITION, chunk: "1", added: [0], version: 0 },
    ]);
  });

  it("over any batches, stored as they are counted, counts each distinct slot exactly once", () => {
    const slots = fc.record({
      editionId: fc.constantFrom(EDITION, "ed_0000000000000000000000"),
      chunk: fc.constantFrom("0", "1", "p1-2"),
      position: fc.integer({ min: 0, max: 49 }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(slots, { maxLength: 30 }), { maxLength: 8 }), (batches) => {
        const stored = new Map<string, { positions: Set<number>; version: number }>();
        const counted = new Map<string, number>();
        for (const batch of batches) {
          const out = newDeliveries(batch, stored);
          for (const c of out.chunks) {
            const before = stored.get(slotKey(c));
            expect(c.version).toBe(before?.version ?? 0);
            stored.set(slotKey(c), {
              positions: new Set([...(before?.positions ?? []), ...c.added]),
              version: c.version + 1,
            });
          }
          for (const [e, n] of out.perEdition) counted.set(e, (counted.get(e) ?? 0) + n);
        }
        const distinct = new Set(batches.flat().map((s) => `${slotKey(s)} ${s.position}`));
        for (const e of [EDITION, "ed_0000000000000000000000"]) {
          expect(counted.get(e) ?? 0).toBe([...distinct].filter((k) => k.startsWith(e)).length);
        }
      }),
    );
  });
});
