import type { AudiencePartition } from "../../domain/audience.js";
import { partitionName } from "../../domain/audience.js";

/** Key builders for the single table; see `table-schema.ts` for the item catalogue. */
export const keys = {
  subscriber: (id: string) => ({ pk: `SUB#${id}`, sk: "PROFILE" }),
  suppression: (id: string) => ({ pk: `SUPP#${id}`, sk: "SUPPRESSION" }),
  audience: (topic: string, cadence: string, shard: number, id: string) => ({
    pk: `AUD#${topic}#${cadence}#${shard}`,
    sk: id,
  }),
  audiencePartition: (p: AudiencePartition) => `AUD#${p.topic}#${p.cadence}#${p.shard}`,
  edition: (id: string) => ({ pk: `ED#${id}`, sk: "EDITION" }),
  render: (id: string) => ({ pk: `ED#${id}`, sk: "RENDER" }),
  shares: (id: string) => ({ pk: `ED#${id}`, sk: "SHARES" }),
  chunk: (editionId: string, key: string) => ({ pk: `ED#${editionId}`, sk: `CHUNK#${key}` }),
  chunkKey: (p: AudiencePartition, n: number) => `${partitionName(p)}#${String(n).padStart(6, "0")}`,
  editionsIndex: "EDITIONS",
};

export function isConditionFailure(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === "ConditionalCheckFailedException" || name === "TransactionCanceledException";
}
