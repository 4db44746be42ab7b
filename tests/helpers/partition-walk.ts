import { configFromEnv } from "../../functions/adapters/env-config.js";
import { zeroCounts } from "../../functions/domain/edition.js";
import { type PartitionWalk, planPartition } from "../../functions/flows/plan-audience.js";
import type { AudienceMember, EditionRecord } from "../../functions/flows/ports.js";
import type { MemoryPorts } from "./memory-ports/memory-ports.js";
import { anEdition } from "./send-factories.js";

/** The partition the planner tests walk: chunk keys are `00i00#000000`, `00i00#000001`, … */
export const PARTITION = "00i00";

/**
 * Chunks of 50, the size the planner's tests count with (a small SES quota's: see
 * infra/send-concurrency.ts); the default of 100 has its own test.
 */
export const FIFTY_A_CHUNK = { ...configFromEnv({}), chunkSize: 50 };

/** A member the partition does not own (it follows an earlier topic of the edition). */
const OWNED_ELSEWHERE = "elsewhere";

/**
 * Members `m0000`, `m0001`… keyed by their id; `variant(i)` is the render member i gets (a
 * briefing's combination, `""` for an edition), `undefined` when another partition owns them.
 */
export const members = (
  count: number,
  variant: (i: number) => string | undefined = () => "",
): AudienceMember[] =>
  Array.from({ length: count }, (_, i) => {
    const id = `m${String(i).padStart(4, "0")}`;
    return { id, key: id, topics: [variant(i) ?? OWNED_ELSEWHERE] };
  });

/**
 * A partition walked in key order, a page at a time, as the audience Query returns it. The audience
 * is read on every page, so a test can change it between two planners.
 */
export function walkOver(audience: () => AudienceMember[]): PartitionWalk {
  return {
    name: PARTITION,
    async page(after, limit) {
      const rest = audience()
        .filter((m) => after === undefined || m.key > after)
        .sort((a, b) => (a.key < b.key ? -1 : 1));
      return { members: rest.slice(0, limit), more: rest.length > limit };
    },
    variantOf: ({ topics: [variant] }) => (variant === OWNED_ELSEWHERE ? undefined : variant),
  };
}

/** An edition stored with nothing planned yet. */
export async function planningEdition(ports: MemoryPorts): Promise<EditionRecord> {
  const edition = anEdition({ counts: zeroCounts(), planDone: false, chunksTotal: 0 });
  await ports.editions.create(edition);
  return edition;
}

/** Plans from where the stored checkpoints say, as a retried render job does. */
export async function planAgain(ports: MemoryPorts, id: string, walk: PartitionWalk): Promise<void> {
  const stored = (await ports.editions.get(id)) as EditionRecord;
  await planPartition(ports, stored, walk);
}

/** Every stored chunk's recipients, in chunk order. */
export const chunksOf = (ports: MemoryPorts): string[][] =>
  [...ports.chunks.stored.values()].sort((a, b) => (a.key < b.key ? -1 : 1)).map((c) => c.recipients);
