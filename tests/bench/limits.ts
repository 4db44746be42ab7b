import { runChild, startChild } from "./children.js";
import { LATENCY_RATE, type LoadResult } from "./http-load.js";
import { measureStatsLoad } from "./stats-load.js";

/** How many recipients the floor is measured over (a seeded table of that many instant readers). */
const FLOOR_SIZE = 20_000;

/** What a fan-out is measured against: the raw work per recipient, recipients per second. */
export interface Floor {
  /** DynamoDB alone: audience Query pages, the chunk Put, two BatchGets, the outcome Update. */
  dynamoRecipientsPerSecond: number;
  /** SendBulkEmail alone, 50 entries a call, 8 calls at once, to the same null SES. */
  sesRecipientsPerSecond: number;
  /** Both, per chunk in Herald's order: the floor (median of 3). */
  recipientsPerSecond: number;
  allRecipientsPerSecond: number[];
  /** Both through the SDK's clients alone, as the floor was first defined (median of 3). */
  sdkRecipientsPerSecond: number;
  /** Node's CPU a recipient in the three runs of both (the median), the send worker's floor. */
  cpuMicrosPerRecipient?: number;
}

/** What an HTTP row is measured against: a bare Hono route doing one GetItem. */
export interface Bare {
  throughput: LoadResult;
  latency: LoadResult;
}

/**
 * The raw rate of what a recipient needs at minimum, measured on the same DynamoDB Local and null
 * SES the fan-outs use, in fresh processes as they run (tests/bench/floor.ts). Both stand-ins share
 * the machine's cores with the client, so the floor is the two done together, not the lower of the
 * two alone: a pipeline cannot beat its own work on shared CPUs.
 */
export function measureFloor(dynamo: string, ses: string): Floor {
  const table = "bench-floor";
  runChild(["tests/bench/seed-cli.ts", dynamo, table, String(FLOOR_SIZE), "8"]);
  const cpus: number[] = [];
  const floor = (mode: string) => {
    const run = runChild(["tests/bench/floor.ts", table, dynamo, ses, mode, "8", String(FLOOR_SIZE)]);
    if (mode === "both") cpus.push(run.cpuMicrosPerRecipient as number);
    return run.recipientsPerSecond as number;
  };
  floor("both"); // warm-up: DynamoDB Local's JIT and the null SES
  cpus.length = 0;
  const dynamoRecipientsPerSecond = floor("db");
  const sesRecipientsPerSecond = floor("ses");
  const both = [floor("both"), floor("both"), floor("both")].sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  const sdk = [floor("both-sdk"), floor("both-sdk"), floor("both-sdk")].sort((a, b) => a - b);
  return {
    dynamoRecipientsPerSecond,
    sesRecipientsPerSecond,
    recipientsPerSecond: both[1] as number,
    allRecipientsPerSecond: both.map(Math.round),
    sdkRecipientsPerSecond: sdk[1] as number,
    cpuMicrosPerRecipient: cpus[1],
  };
}

/** The bare route under the same load as the HTTP rows: flat out, then at the fixed rate. */
export async function measureBare(dynamo: string): Promise<Bare> {
  const bare = await startChild("tests/bench/bare-server.ts", [dynamo, "bench-bare"]);
  try {
    return await measureStatsLoad(bare.endpoint, "/bare");
  } finally {
    bare.child.kill();
  }
}

/**
 * "52 % of floor (95 % of the SDK's), " / "2.1 × bare": the ratio a row leads with. The floor is
 * the requests through the send's own clients; beside it, through the SDK's alone, as first defined.
 */
export const shareOfFloor = (recipientsPerSecond: number, floor?: Floor) => {
  if (!floor) return "";
  const share = (of: number) => Math.round((100 * recipientsPerSecond) / of);
  const sdk = floor.sdkRecipientsPerSecond ? ` (${share(floor.sdkRecipientsPerSecond)} % of the SDK's)` : "";
  return `${share(floor.recipientsPerSecond)} % of floor${sdk}, `;
};

export const timesBare = (p99Ms: number, bare?: Bare) =>
  bare ? `p99 ${(p99Ms / Math.max(1, bare.latency.p99Ms)).toFixed(1)} × bare, ` : "";

/**
 * The two reference rows, first in the table: the floor (with its two halves) and the bare route.
 *
 * @example
 * const rows = limitRows({ floor: measureFloor(dynamo, ses), bare: await measureBare(dynamo) });
 */
export function limitRows({ floor, bare }: { floor: Floor; bare: Bare }): Array<[string, string, string]> {
  return [
    [
      "floor: raw DynamoDB work + SendBulkEmail per recipient (the send's clients, no logic, 20k, median of 3)",
      `${floor.recipientsPerSecond.toFixed(0)} recipients/s (runs: ${floor.allRecipientsPerSecond.join(", ")}; DynamoDB alone ${floor.dynamoRecipientsPerSecond.toFixed(0)}/s, SES alone ${floor.sesRecipientsPerSecond.toFixed(0)}/s; through the SDK's clients alone ${(floor.sdkRecipientsPerSecond ?? 0).toFixed(0)}/s)`,
      "the fan-outs' 100 %",
    ],
    [
      "bare Hono route, one GetItem (the HTTP rows' 1 ×)",
      `${bare.throughput.requestsPerSecond.toFixed(0)} req/s flat out; at ${LATENCY_RATE} req/s p50 ${bare.latency.p50Ms} ms, p99 ${bare.latency.p99Ms} ms`,
      "—",
    ],
  ];
}
