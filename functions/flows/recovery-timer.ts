import { loggableError } from "../domain/redact.js";
import type { Ports } from "./ports.js";
import { recoverWork } from "./recover-work.js";

/**
 * The local stand-in for the recovery schedule: a pass every `intervalMs` after the previous one
 * ends (passes never overlap). `npm start` runs the first pass itself, before the API answers.
 * Returns the function that stops it.
 *
 * @example
 * const stop = startRecoveryTimer(ports, { intervalMs: 60_000 });
 */
export function startRecoveryTimer(ports: Ports, { intervalMs }: { intervalMs: number }): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(run, intervalMs);
    timer.unref();
  };
  const run = async () => {
    try {
      await recoverWork(ports);
    } catch (error) {
      ports.log.error("recovery pass failed", { error: loggableError(error) });
    }
    schedule();
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
