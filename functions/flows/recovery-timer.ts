import type { Ports } from "./ports.js";
import { recoverWork } from "./recover-work.js";
import { repeatAfterEach } from "./repeat-timer.js";

/**
 * The local stand-in for the recovery schedule: a pass every `intervalMs` after the previous one
 * ends (passes never overlap). `npm start` runs the first pass itself, before the API answers.
 * Returns the function that stops it.
 *
 * @example
 * const stop = startRecoveryTimer(ports, { intervalMs: 60_000 });
 */
export function startRecoveryTimer(ports: Ports, { intervalMs }: { intervalMs: number }): () => void {
  return repeatAfterEach(() => recoverWork(ports), ports.log, {
    intervalMs,
    failure: "recovery pass failed",
  });
}
