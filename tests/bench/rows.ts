import type { measureBundles } from "./bundles.js";
import { type FanoutPhases, phaseLine } from "./fanout-phases.js";
import { LATENCY_RATE, type measureHttpLoad } from "./http-load.js";
import { type Bare, type Floor, limitRows, shareOfFloor, timesBare } from "./limits.js";
import type { measureRender } from "./render.js";
import { SEND_CPU_TARGET_MICROS } from "./send-cpu-row.js";
import type { measureCard, measureComposition } from "./social.js";

/** One line of the bench table: what, the result, the target. */
export type Row = [string, string, string];

interface FanOut {
  recipientsPerSecond: number;
  allRecipientsPerSecond: number[];
  peakRssMb: number;
  renders?: number;
  sendCpuMicrosPerRecipient?: number;
  /** The same for a second edition's sends in the same process: a warm worker's. */
  warmSendCpuMicrosPerRecipient?: number;
  planSeconds?: number;
  /** The median run's steps (results from before they were recorded have none). */
  phases?: FanoutPhases;
  /** How long its table took to seed: the same work for every size, so a gauge of the machine's speed then. */
  seedSeconds?: number;
}

/** What a whole `npm run bench` run records in its results file. */
export interface BenchResult {
  at: string;
  machine: { cpu?: string; cores: number; memoryGb: number; node: string };
  /** The machine's 1-minute load average as the run started: it shares two cores with others. */
  loadAverage?: number;
  /** The limits measured in the same run, which the fan-out and HTTP rows are ratios to. */
  limits?: { floor: Floor; bare: Bare };
  render: Awaited<ReturnType<typeof measureRender>>;
  bundles: Awaited<ReturnType<typeof measureBundles>>;
  runs: Record<"null10k" | "null100k" | "split10k" | "standIn10k" | "briefing100k", FanOut>;
  http: Awaited<ReturnType<typeof measureHttpLoad>>;
  card: Awaited<ReturnType<typeof measureCard>>;
  composition: ReturnType<typeof measureComposition>;
  /** Rows a bench module made itself (the console pages, recovery, the subscriber overview). */
  extraRows?: Row[];
}

/** The card and post-composition rows (`npm run bench -- social` prints only these). */
/** A warm worker's send beside a fresh process's first, where the run measured one. */
const warmSend = (run: FanOut) =>
  run.warmSendCpuMicrosPerRecipient === undefined
    ? ""
    : `; a warm worker's second send ${run.warmSendCpuMicrosPerRecipient.toFixed(0)} µs`;

export function socialBenchRows({ card, composition }: Pick<BenchResult, "card" | "composition">): Row[] {
  const rows: Row[] = [
    [
      "social card, cold (fresh process to first card, fonts loaded), p50 of 5",
      `${card.coldP50Ms.toFixed(0)} ms (import ${card.coldImportMs.toFixed(0)}, first card ${card.coldFirstCardMs.toFixed(0)}; runs: ${card.allColdMs.join(", ")})`,
      "≤ 1.5 s",
    ],
    [
      "social card, warm p50 (40 cards, 4 scripts)",
      `${card.warmP50Ms.toFixed(0)} ms (p90 ${card.warmP90Ms.toFixed(0)}; Chinese p50 ${card.warmP50MsByScript.chinese.toFixed(0)}), ${(card.pngBytes / 1024).toFixed(0)} KB PNG`,
      "≤ 150 ms",
    ],
    [
      `posts for all 7 networks per edition, p50 (${composition.editions} editions)`,
      `${composition.p50Ms.toFixed(2)} ms (p90 ${composition.p90Ms.toFixed(2)}, p99 ${composition.p99Ms.toFixed(2)})`,
      "≤ 2 ms",
    ],
  ];
  return rows;
}

/**
 * The bench table, from a results file: the printed table and docs/benchmarks.md are both made from
 * it, so the docs cannot drift from the measurements.
 */
export function benchRows(result: BenchResult): Row[] {
  const { render, runs, http, bundles } = result;
  const rows: Row[] = [
    ...(result.limits ? limitRows(result.limits) : []),
    [
      "MJML render per edition, warm p50",
      `${render.p50Ms.toFixed(1)} ms (p90 ${render.p90Ms.toFixed(1)})`,
      "≤ 30 ms",
    ],
    ...fanoutRows(runs, result.limits?.floor),
    [
      "daily briefing 100k (31 topic combinations) → null SES, median of 3",
      `${shareOfFloor(runs.briefing100k.recipientsPerSecond, result.limits?.floor)}${runs.briefing100k.recipientsPerSecond.toFixed(0)} recipients/s${spread(runs.briefing100k)}, ${runs.briefing100k.renders} renders`,
      "as an edition; ≤ 31 renders",
    ],
    ["fan-out 10k → SES stand-in", `${runs.standIn10k.recipientsPerSecond.toFixed(0)} recipients/s`, "—"],
    [
      "send worker CPU per recipient (10k, sends alone)",
      `${(runs.split10k.sendCpuMicrosPerRecipient ?? 0).toFixed(0)} µs${warmSend(runs.split10k)}`,
      `≤ ${SEND_CPU_TARGET_MICROS} µs (warm)`,
    ],
    ["planning 10k recipients (before any send)", `${(runs.split10k.planSeconds ?? 0).toFixed(2)} s`, "—"],
    ...httpRows(http, result.limits?.bare),
    [
      "peak RSS 10k / 100k",
      `${runs.null10k.peakRssMb.toFixed(0)} / ${runs.null100k.peakRssMb.toFixed(0)} MB`,
      "100k ≤ 10k + 64 MB",
    ],
    ...bundles.map((b): [string, string, string] => [
      `bundle ${b.name}: size, cold import`,
      `${(b.bytes / 1024).toFixed(0)} KB, ${b.coldImportMs.toFixed(0)} ms${b.containsMjml ? ", has MJML" : ""}`,
      b.name === "renderPlan" ? "only bundle with MJML" : b.name === "api" ? "≤ 300 KB, no MJML" : "no MJML",
    ]),
    ...(result.extraRows ?? []),
    ...socialBenchRows(result),
  ];
  return rows;
}

const spread = (r: { allRecipientsPerSecond: number[] }) => ` (runs: ${r.allRecipientsPerSecond.join(", ")})`;

/** Seeding speed per size: the 10k and 100k rows ran minutes apart on a shared machine. */
const seedRates = ({ null10k, null100k }: Pick<BenchResult["runs"], "null10k" | "null100k">) =>
  null10k.seedSeconds && null100k.seedSeconds
    ? `; seeding ran at ${Math.round(10_000 / null10k.seedSeconds)}/s before the median 10k run, ${Math.round(100_000 / null100k.seedSeconds)}/s before the median 100k run`
    : "";

/** The fan-out rows: recipients per second as a share of the floor measured in the same run, then absolute. */
export function fanoutRows(runs: Pick<BenchResult["runs"], "null10k" | "null100k">, floor?: Floor): Row[] {
  return [
    [
      "fan-out 10k → null SES, median of 3",
      `${shareOfFloor(runs.null10k.recipientsPerSecond, floor)}${runs.null10k.recipientsPerSecond.toFixed(0)} recipients/s${spread(runs.null10k)}`,
      floor ? "≥ 50 % of floor" : "≥ 2,000/s",
    ],
    ...(runs.null10k.phases
      ? [
          [
            "fan-out 10k: its steps, in s from the webhook (median run)",
            `${phaseLine(runs.null10k.phases)}${seedRates(runs)}`,
            "—",
          ] satisfies Row,
        ]
      : []),
    [
      "fan-out 100k → null SES, median of 3",
      `${shareOfFloor(runs.null100k.recipientsPerSecond, floor)}${runs.null100k.recipientsPerSecond.toFixed(0)} recipients/s${spread(runs.null100k)}`,
      floor ? "≥ 70 % of floor" : "≥ 2,000/s",
    ],
  ];
}

/** Sign-up and one-click: p99 at the fixed rate as a multiple of the bare route's, then absolute. */
export function httpRows(http: BenchResult["http"], bare?: Bare): Row[] {
  return (["subscribe", "unsubscribe"] as const).map((k): Row => {
    const { throughput, latency } = http[k];
    const errors = throughput.non2xx + latency.non2xx;
    // Always shown: a row whose requests were refused (a limit, a 4xx) measures the refusal, not the route.
    const answered = `${errors} of ${(throughput.requests + latency.requests).toLocaleString("en")} non-2xx`;
    return [
      k === "subscribe" ? "sign-up POST /v1/subscribers" : "one-click POST /v1/unsubscribe",
      `${timesBare(latency.p99Ms, bare)}${throughput.requestsPerSecond.toFixed(0)} req/s flat out; at ${LATENCY_RATE} req/s p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms, ${answered}`,
      bare ? "p99 ≤ 3 × bare" : "p99 ≤ 50 ms",
    ];
  });
}
