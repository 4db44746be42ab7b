import type { Ports } from "./ports.js";

/** One edition's chunks at work in this process, and whether one of them owes a completion check. */
interface Running {
  chunks: number;
  owed: boolean;
}

/**
 * The completion checks of one worker process's chunks, made once for each edition when the last of
 * its chunks at work here ends, instead of once a chunk. Any recorded chunk may be an edition's
 * last, so each owes a check after its record; but while another chunk of the same edition is still
 * at work here, that one's end comes later and its check, read strongly consistent, sees this
 * record too. A send worker takes ten chunks at once, so this saves nine reads of the edition and
 * its send shards in ten. A chunk that fails still makes the check it was handed; a check that
 * fails fails its chunk, whose message comes back and checks again (`sendChunk`, a chunk done).
 * A process that dies before the check leaves it to the recovery pass, as it did before.
 *
 * @example
 * const checks = completionChecks((id) => ports.editions.completeIfFinished(id));
 * checks.enter(id);
 * await checks.leave(id, true); // the last one here: checks now
 */
export function completionChecks(check: (editionId: string) => Promise<unknown>) {
  const running = new Map<string, Running>();
  return {
    /** A chunk of `editionId` starts. */
    enter(editionId: string): void {
      const r = running.get(editionId) ?? { chunks: 0, owed: false };
      r.chunks++;
      running.set(editionId, r);
    },
    /**
     * A chunk of `editionId` ends, owing a check (`owed`: it recorded) or not. The last one at work
     * makes the check owed by any of them; the others answer at once.
     */
    async leave(editionId: string, owed: boolean): Promise<void> {
      const r = running.get(editionId);
      if (!r) throw new Error(`no chunk of ${editionId} entered`);
      r.owed ||= owed;
      r.chunks--;
      if (r.chunks > 0) return;
      running.delete(editionId);
      if (r.owed) await check(editionId);
    },
  };
}

/** Per runtime (by its edition repository): the checks its chunks owe. */
const runtimes = new WeakMap<object, ReturnType<typeof completionChecks>>();

/**
 * Runs one chunk's work for `editionId` among this runtime's others, and makes the completion
 * checks they owe ({@link completionChecks}); `run` calls `owe()` once its record may have finished
 * the edition. A failed check fails this chunk, unless the chunk failed first (its error is kept).
 *
 * @example
 * return owingCompletion(ports, job.editionId, (owe) => sendOnce(ports, job, owe));
 */
export async function owingCompletion<T>(
  ports: Pick<Ports, "editions">,
  editionId: string,
  run: (owe: () => void) => Promise<T>,
): Promise<T> {
  let checks = runtimes.get(ports.editions);
  if (!checks) {
    const { editions } = ports;
    checks = completionChecks((id) => editions.completeIfFinished(id));
    runtimes.set(editions, checks);
  }
  let owed = false;
  checks.enter(editionId);
  let result: T;
  try {
    result = await run(() => {
      owed = true;
    });
  } catch (error) {
    await checks.leave(editionId, owed).catch(() => undefined);
    throw error;
  }
  await checks.leave(editionId, owed);
  return result;
}
