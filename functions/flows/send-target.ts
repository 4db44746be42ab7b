import { comboTopics } from "../domain/briefing/content.js";
import { BriefingId } from "../domain/briefing/schedule.js";
import type { RenderedEdition } from "../domain/rendered.js";
import { isMailable, type Subscriber } from "../domain/subscriber.js";
import type { ChunkRecord, Ports, SendProgress } from "./ports.js";

/** What a chunk is sent for: an edition, or one topic combination of a daily briefing. */
export interface SendTarget {
  progress: SendProgress;
  /** Why this subscriber is no longer sent this, checked at send time; `undefined` when they are. */
  skipReason(subscriber: Subscriber | undefined): string | undefined;
  render(): Promise<RenderedEdition>;
}

const renders = new Map<string, RenderedEdition>();

/** A warm worker sends many chunks of one fan-out: each render is read once, not per chunk. */
async function cachedRender(key: string, read: () => Promise<RenderedEdition | undefined>) {
  let rendered = renders.get(key);
  if (!rendered) {
    rendered = await read();
    if (!rendered) throw new Error(`${key} has no render`);
    if (renders.size >= 32) renders.delete(renders.keys().next().value as string);
    renders.set(key, rendered);
  }
  return rendered;
}

/** Loads what `chunk` belongs to; `undefined` when it no longer exists. */
export async function sendTarget(ports: Ports, chunk: ChunkRecord): Promise<SendTarget | undefined> {
  const id = chunk.editionId;
  if (BriefingId.safeParse(id).success) {
    const briefing = await ports.briefings.get(id);
    if (!briefing) return undefined;
    const combo = chunk.variant ?? "";
    const topics = comboTopics(combo);
    return {
      progress: briefing,
      // Someone who left daily or dropped a topic since planning would get sections they no longer want.
      skipReason: (s) =>
        !s || !isMailable(s)
          ? (s?.status ?? "gone")
          : s.cadence !== "daily" || !topics.every((t) => s.topics.includes(t))
            ? "topics"
            : undefined,
      render: () => cachedRender(`${id}#${combo}`, () => ports.briefings.getRender(id, combo)),
    };
  }
  const edition = await ports.editions.get(id);
  if (!edition) return undefined;
  return {
    progress: edition,
    skipReason: (s) =>
      !s || !isMailable(s)
        ? (s?.status ?? "gone")
        : s.topics.some((t) => edition.article.topics.includes(t))
          ? undefined
          : "topics",
    render: () => cachedRender(id, () => ports.editions.getRender(id)),
  };
}
