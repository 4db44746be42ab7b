import * as z from "zod";

/**
 * SES message tags the send worker adds to an edition's bulk send: the chunk (on the whole call) and
 * each entry's position in the chunk's recipient list. SES tag values allow ASCII letters, digits,
 * `_` and `-`, so both are plain numbers. A Delivery event then names its place in the send, and
 * deliveries are counted per chunk instead of with a mark item each.
 */
export const CHUNK_TAG = "chunk";
export const POSITION_TAG = "pos";

/** Where a delivered message sat in its send: one edition's chunk and a position in it. */
export interface DeliverySlot {
  editionId: string;
  chunk: string;
  position: number;
}

/** A chunk key as the send worker names it (`<partition>#<n>` with `#` as `-`), and a position. */
const ChunkTag = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
const Position = z
  .string()
  .regex(/^\d{1,4}$/)
  .transform(Number);

/**
 * The tags that name a recipient's slot in a chunk: the chunk's on the call, each recipient's
 * position on its entry. None when the chunk key does not fit a tag value (the event then takes the
 * per-event path).
 *
 * @example
 * slotTags("p0#12"); // { chunk: { chunk: "p0-12" }, position: (i) => ({ pos: String(i) }) }
 */
export function slotTags(chunkKey: string) {
  const chunk = ChunkTag.safeParse(chunkKey.replace(/#/g, "-"));
  if (!chunk.success) return undefined;
  return {
    chunk: { [CHUNK_TAG]: chunk.data },
    position: (i: number) => ({ [POSITION_TAG]: String(i) }),
  };
}

/**
 * The slot a Delivery event's tags name, or undefined when they name none (a send from before the
 * tags, a test send, a confirmation): such an event takes the per-event path.
 *
 * @example
 * deliverySlot("ed_abcdefghijklmnopqrstuv", { chunk: ["0-3"], pos: ["17"] }); // { editionId, chunk: "0-3", position: 17 }
 */
export function deliverySlot(
  editionId: string | undefined,
  tags: Record<string, string[]> | undefined,
): DeliverySlot | undefined {
  const chunk = ChunkTag.safeParse(tags?.[CHUNK_TAG]?.[0]);
  const position = Position.safeParse(tags?.[POSITION_TAG]?.[0]);
  if (!editionId || !chunk.success || !position.success) return undefined;
  return { editionId, chunk: chunk.data, position: position.data };
}

/** The positions of a chunk already counted as delivered, and the version they were read at (0: none). */
export interface CountedPositions {
  positions: ReadonlySet<number>;
  version: number;
}

/** What a batch adds to one chunk's counted positions, over the version it read. */
export interface ChunkDeliveries {
  editionId: string;
  chunk: string;
  added: number[];
  version: number;
}

export const slotKey = (s: Pick<DeliverySlot, "editionId" | "chunk">) => `${s.editionId} ${s.chunk}`;

/**
 * The deliveries of a batch not counted before: per chunk, the positions to add (a position named
 * twice in the batch, or already stored, counts nothing), and per edition how many that makes.
 *
 * @example
 * newDeliveries([slot, slot], new Map()).perEdition.get(slot.editionId); // 1
 */
export function newDeliveries(
  slots: DeliverySlot[],
  stored: ReadonlyMap<string, CountedPositions>,
): { chunks: ChunkDeliveries[]; perEdition: Map<string, number> } {
  const byChunk = new Map<string, ChunkDeliveries & { seen: Set<number> }>();
  const perEdition = new Map<string, number>();
  for (const slot of slots) {
    const key = slotKey(slot);
    const before = stored.get(key);
    let entry = byChunk.get(key);
    if (!entry) {
      entry = {
        editionId: slot.editionId,
        chunk: slot.chunk,
        added: [],
        version: before?.version ?? 0,
        seen: new Set(),
      };
      byChunk.set(key, entry);
    }
    if (before?.positions.has(slot.position) || entry.seen.has(slot.position)) continue;
    entry.seen.add(slot.position);
    entry.added.push(slot.position);
    perEdition.set(slot.editionId, (perEdition.get(slot.editionId) ?? 0) + 1);
  }
  const chunks = [...byChunk.values()].filter((c) => c.added.length > 0).map(({ seen: _, ...c }) => c);
  return { chunks, perEdition };
}
