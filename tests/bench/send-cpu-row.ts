import { fanoutRun } from "./fanout-runs.js";
import type { Floor } from "./limits.js";
import { median } from "./median.js";
import type { Row } from "./rows.js";

/** The send worker's CPU per recipient over three 10k sends, each in a fresh process. */
export interface SendCpu {
  /** Each process's first send: it also compiles the send path (the JIT's threads count). */
  freshMicros: number[];
  /** Each process's second send, another edition to the same readers: a warm worker's. */
  warmMicros: number[];
}

const SIZE = 10_000;
/** The target, for a worker past its first send (a Lambda container sends batch after batch). */
export const SEND_CPU_TARGET_MICROS = 150;

/**
 * Three 10k fan-outs planned then sent (`fanout.ts warm`), each in a fresh process on a table of
 * its own: the CPU of the first send's sends alone, and of a second edition's in the same process.
 *
 * @example
 * const cpu = measureSendCpu(dynamo.endpoint, nullSes.endpoint); // cpu.warmMicros: [141, …]
 */
export function measureSendCpu(dynamo: string, ses: string): SendCpu {
  const runs = [0, 1, 2].map(() => fanoutRun(SIZE, dynamo, ses, "warm"));
  return {
    freshMicros: runs.map((r) => Math.round(r.sendCpuMicrosPerRecipient as number)),
    warmMicros: runs.map((r) => Math.round(r.warmSendCpuMicrosPerRecipient as number)),
  };
}

/** The row, with the floor's own CPU a recipient (no logic around the same requests) beside it. */
export function sendCpuRow(cpu: SendCpu, floor?: Floor): Row {
  const warm = median(cpu.warmMicros);
  const fresh = median(cpu.freshMicros);
  const floorCpu = floor?.cpuMicrosPerRecipient;
  const ratio = floorCpu
    ? `; the floor's own ${floorCpu.toFixed(0)} µs (fresh ${(fresh / floorCpu).toFixed(1)} ×)`
    : "";
  return [
    "send worker CPU per recipient (10k, sends alone)",
    `a warm worker's ${warm} µs (runs: ${cpu.warmMicros.join(", ")}); a fresh process's first send ${fresh} µs (runs: ${cpu.freshMicros.join(", ")})${ratio}`,
    `≤ ${SEND_CPU_TARGET_MICROS} µs (warm)`,
  ];
}
