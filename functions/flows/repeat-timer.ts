import { loggableError } from "../domain/redact.js";
import type { Ports } from "./ports.js";

/** How a local stand-in for a schedule repeats its work. */
export interface RepeatOptions {
  /** Between the end of one run and the start of the next. */
  intervalMs: number;
  /** Before the first run (the interval by default). */
  firstDelayMs?: number;
  /** Logged, without the error's addresses, when a run throws. */
  failure: string;
}

/**
 * Runs `work` again `intervalMs` after each run ends, so runs never overlap; a run that throws is
 * logged and the next one still comes. The local stand-in for an AWS schedule (feeds, recovery,
 * engagement). Returns the function that stops it.
 *
 * @example
 * const stop = repeatAfterEach(() => pollFeeds(ports, fetcher), ports.log, { intervalMs: 300_000, failure: "feed poll run failed" });
 */
export function repeatAfterEach(
  work: () => Promise<unknown>,
  log: Pick<Ports["log"], "error">,
  { intervalMs, firstDelayMs = intervalMs, failure }: RepeatOptions,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(run, delay);
    timer.unref();
  };
  const run = async () => {
    try {
      await work();
    } catch (error) {
      log.error(failure, { error: loggableError(error) });
    }
    schedule(intervalMs);
  };
  schedule(firstDelayMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
