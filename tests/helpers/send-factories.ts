import { zeroCounts } from "../../functions/domain/edition.js";
import type { RenderedEdition } from "../../functions/domain/rendered.js";
import { type Subscriber, subscriberId } from "../../functions/domain/subscriber.js";
import type { ChunkRecord, EditionRecord, SendJob } from "../../functions/flows/ports.js";
import { type MemoryPorts, START } from "./memory-ports/memory-ports.js";

let editions = 0;

/**
 * A sending edition on `world` with its plan done and one chunk planned; override what a test is
 * about. Each call gets a new id: the send worker caches renders by edition id across tests.
 */
export function anEdition(overrides: Partial<EditionRecord> = {}): EditionRecord {
  const n = ++editions;
  const at = START.toISOString();
  return {
    id: `ed_unit${String(n).padStart(18, "0")}`,
    status: "sending",
    counts: { ...zeroCounts(), planned: 3 },
    createdAt: at,
    updatedAt: at,
    plan: {},
    planDone: true,
    chunksTotal: 1,
    chunksDone: 0,
    article: {
      id: `article-${n}`,
      version: at,
      url: `https://news.example/article-${n}`,
      title: "Council approves the new tram line",
      topics: ["world"],
      publishedAt: at,
      breaking: false,
      channels: { email: true, social: true },
    },
    ...overrides,
  };
}

/** Reader `n`, active on `world`; the id is the hash of the address, as in production. */
export function aSubscriber(n: number, overrides: Partial<Subscriber> = {}): Subscriber {
  const email = overrides.email ?? `reader${n}@example.com`;
  const at = START.toISOString();
  return {
    id: subscriberId(email),
    email,
    status: "active",
    topics: ["world"],
    cadence: "instant",
    consent: { at, source: "unit-test" },
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export const A_RENDER: RenderedEdition = {
  subject: "Council approves the new tram line",
  preheader: "The line opens in 2028.",
  html: '<p>The line opens in 2028.</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
  text: "The line opens in 2028.\nUnsubscribe: {{unsubscribeUrl}}",
  webHtml: "<p>The line opens in 2028.</p>",
};

export const sendJob = (editionId: string, chunk: string, throttled?: number): SendJob => ({
  editionId,
  chunk,
  ...(throttled === undefined ? {} : { throttled }),
});

/**
 * Stores an edition, its render, `readers` subscribers (or the ones given) and one chunk planned
 * for all of them: what the planner leaves for the send worker.
 */
export async function plannedChunk(
  ports: MemoryPorts,
  options: { edition?: Partial<EditionRecord>; readers?: number; subscribers?: Subscriber[] } = {},
): Promise<{ edition: EditionRecord; subscribers: Subscriber[]; chunk: ChunkRecord; job: SendJob }> {
  const subscribers =
    options.subscribers ?? Array.from({ length: options.readers ?? 3 }, (_, i) => aSubscriber(i + 1));
  const edition = anEdition({
    counts: { ...zeroCounts(), planned: subscribers.length },
    ...options.edition,
  });
  await ports.editions.create(edition);
  await ports.editions.saveRender(edition.id, A_RENDER);
  for (const s of subscribers) await ports.subscribers.insert(s);
  const ids = subscribers.map((s) => s.id);
  const chunk = await ports.chunks.createOrGet(edition.id, "00i00#000000", ids, ids.at(-1) ?? "");
  return { edition, subscribers, chunk, job: sendJob(edition.id, chunk.key) };
}
