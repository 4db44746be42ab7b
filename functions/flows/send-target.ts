import { comboTopics } from "../domain/briefing/content.js";
import { BriefingId } from "../domain/briefing/schedule.js";
import type { EditionStatus } from "../domain/edition.js";
import type { RenderedEdition } from "../domain/rendered.js";
import { isMailable, type Recipient } from "../domain/subscriber.js";
import type { ChunkRecord, Ports } from "./ports.js";

/**
 * What a chunk is sent for: an edition, or one topic combination of a daily briefing. Only what never
 * changes (an edition's article is fixed by its id): its progress is read under the chunk's claim.
 */
export interface SendTarget {
  /** Why this subscriber is no longer sent this, checked at send time; `undefined` when they are. */
  skipReason(subscriber: Recipient | undefined): string | undefined;
  render(): Promise<RenderedEdition>;
  /**
   * The status this worker last read: when it loaded the fan-out, then under each claim. While it
   * is `sending`, a chunk goes straight to its claim; otherwise its status is read first, so a
   * paused or cancelled fan-out's chunks are parked or closed without a claim and without taking
   * a slot of the send rate.
   */
  lastStatus?: EditionStatus;
  /**
   * The auto-pause baseline under which this worker last read the fan-out past its minimum sample
   * (`matureSince`): while the fence reads the same baseline, a chunk need not judge it again.
   */
  matureSince?: number;
}

const renders = new Map<string, Promise<RenderedEdition>>();

/**
 * A warm worker sends many chunks of one fan-out: each render is read once, not per chunk. A read
 * under way is shared too, or the ten chunks of a worker's first batch would each read it (a render
 * is the largest item a send reads: its HTML, tens of KB). A read that fails is not kept.
 */
function cachedRender(key: string, read: () => Promise<RenderedEdition | undefined>) {
  const cached = renders.get(key);
  if (cached) return cached;
  const reading = read().then((rendered) => {
    if (!rendered) throw new Error(`${key} has no render`);
    return rendered;
  });
  if (renders.size >= 32) renders.delete(renders.keys().next().value as string);
  renders.set(key, reading);
  reading.catch(() => {
    if (renders.get(key) === reading) renders.delete(key);
  });
  return reading;
}

/**
 * What a warm worker learnt of each fan-out: a worker sends many chunks of one, and its article
 * (hence its topics) never changes. Kept per runtime, by its edition repository. A load under way is
 * kept too, so the chunks a worker starts at once (a batch's ten) share one read of the fan-out.
 */
const known = new WeakMap<object, Map<string, Promise<Loaded | undefined>>>();

type Loaded = { target: SendTarget; status: EditionStatus };

/**
 * Loads what `chunk` belongs to, once per fan-out and worker; `undefined` when it does not exist.
 * `status` comes with a target just loaded: the status its read found.
 */
export async function sendTarget(
  ports: Ports,
  chunk: ChunkRecord,
): Promise<{ target: SendTarget; status?: EditionStatus } | undefined> {
  const targets = known.get(ports.editions) ?? new Map<string, Promise<Loaded | undefined>>();
  known.set(ports.editions, targets);
  const key = `${chunk.editionId}#${chunk.variant ?? ""}`;
  const cached = targets.get(key);
  if (cached) {
    const settled = await cached;
    // Loaded by another chunk (its status is the target's `lastStatus`), or not found, which is
    // not kept: a fan-out read before it was stored may exist the next time.
    if (settled) return { target: settled.target };
  }
  if (targets.size >= 64) targets.delete(targets.keys().next().value as string);
  const loading = loadTarget(ports, chunk);
  targets.set(key, loading);
  const loaded = await loading.catch((error) => {
    targets.delete(key);
    throw error;
  });
  if (!loaded) targets.delete(key);
  return loaded;
}

async function loadTarget(
  ports: Ports,
  chunk: ChunkRecord,
): Promise<{ target: SendTarget; status: EditionStatus } | undefined> {
  const id = chunk.editionId;
  if (BriefingId.safeParse(id).success) {
    const briefing = await ports.briefings.get(id);
    if (!briefing) return undefined;
    const combo = chunk.variant ?? "";
    const topics = comboTopics(combo);
    const target: SendTarget = {
      lastStatus: briefing.status,
      // Someone who left daily or dropped a topic since planning would get sections they no longer want.
      skipReason: (s) =>
        !s || !isMailable(s)
          ? (s?.status ?? "gone")
          : s.cadence !== "daily" || !topics.every((t) => s.topics.includes(t))
            ? "topics"
            : undefined,
      render: () => cachedRender(`${id}#${combo}`, () => ports.briefings.getRender(id, combo)),
    };
    return { target, status: briefing.status };
  }
  const edition = await ports.editions.get(id);
  if (!edition) return undefined;
  const topics = edition.article.topics;
  const target: SendTarget = {
    lastStatus: edition.status,
    skipReason: (s) =>
      !s || !isMailable(s)
        ? (s?.status ?? "gone")
        : s.topics.some((t) => topics.includes(t))
          ? undefined
          : "topics",
    render: () => cachedRender(id, () => ports.editions.getRender(id)),
  };
  return { target, status: edition.status };
}
