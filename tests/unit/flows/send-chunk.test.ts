import { describe, expect, it } from "vitest";
import { MailerRejected } from "../../../functions/flows/errors.js";
import type { ChunkRecord } from "../../../functions/flows/ports.js";
import { sendChunk } from "../../../functions/flows/send-chunk.js";
import { memoryPorts } from "../../helpers/memory-ports/memory-ports.js";
import { plannedChunk } from "../../helpers/send-factories.js";

const NONE = { sent: 0, failed: 0, skipped: 0, unknown: 0, cancelled: 0 };

describe("sendChunk", () => {
  it("sends each recipient once, records every outcome and the counters, and finishes the edition", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, subscribers, job } = await plannedChunk(ports, { readers: 3 });

    // Act
    const result = await sendChunk(ports, job);

    // Assess
    expect(result).toBe("done");
    expect(ports.mailer.delivered).toEqual(subscribers.map((s) => s.email));
    const [call] = ports.mailer.calls;
    // The chunk on the call and each entry's position in the chunk: a delivery names its slot.
    expect(call?.tags).toEqual({ edition: edition.id, chunk: job.chunk.replace(/#/g, "-") });
    const chunkRecipients = (await ports.chunks.get(edition.id, job.chunk))?.recipients ?? [];
    expect(call?.entries.map((e) => e.tags)).toEqual(
      subscribers.map((s) => ({ pos: String(chunkRecipients.indexOf(s.id)) })),
    );
    expect(call?.entries[0]?.headers.map((h) => h.name)).toEqual([
      "List-Unsubscribe",
      "List-Unsubscribe-Post",
      "List-Id",
    ]);
    const chunk = await ports.chunks.get(edition.id, job.chunk);
    expect(chunk).toMatchObject({ done: true, inflight: [], leaseUntil: undefined });
    expect(Object.values(chunk?.outcomes ?? {}).map((o) => o.kind)).toEqual(["sent", "sent", "sent"]);
    const stored = await ports.editions.get(edition.id);
    expect(stored).toMatchObject({ status: "sent", chunksDone: 1 });
    expect(stored?.counts).toMatchObject({ planned: 3, sent: 3, failed: 0, skipped: 0, unknown: 0 });
  });

  // Each claim rewrites the chunk item (its 100 ids and more): the lease and the recipients in
  // flight go in one conditional write, before the fence is read under it.
  it("claims a chunk once, with the lease and its recipients in flight in the same write", async () => {
    // Prepare
    const ports = memoryPorts();
    const { subscribers, job } = await plannedChunk(ports, { readers: 3 });
    const claims: string[][] = [];
    const claim = ports.chunks.claim;
    ports.chunks.claim = (chunk, leaseUntil, inflight) => {
      claims.push(inflight);
      return claim(chunk, leaseUntil, inflight);
    };

    // Act
    await sendChunk(ports, job);

    // Assess
    expect(claims).toEqual([subscribers.map((s) => s.id)]);
    expect(ports.mailer.delivered).toHaveLength(3);
  });

  it("parks a paused edition's chunk: acknowledged, left undone and unclaimed, nothing sent", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, chunk, job } = await plannedChunk(ports, { edition: { status: "paused" } });

    // Act
    const result = await sendChunk(ports, job);

    // Assess
    expect(result).toBe("done");
    expect(ports.mailer.calls).toEqual([]);
    expect(await ports.chunks.get(edition.id, job.chunk)).toEqual(chunk);
    expect(ports.sendQueue.sent).toEqual([]);
  });

  it("hands the message back while another worker holds the chunk's lease", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, chunk, job } = await plannedChunk(ports);
    const leaseUntil = ports.now().getTime() + 30_000;
    await ports.chunks.claim(chunk, leaseUntil, chunk.recipients);

    // Act
    const result = await sendChunk(ports, job);

    // Assess
    expect(result).toBe("retry");
    expect(ports.mailer.calls).toEqual([]);
    expect(await ports.chunks.get(edition.id, job.chunk)).toMatchObject({
      version: 1,
      leaseUntil,
      outcomes: {},
    });
  });

  it("lets one of two workers that read the chunk together send it; the other hands it back", async () => {
    // Prepare
    const ports = memoryPorts();
    const { subscribers, job } = await plannedChunk(ports);

    // Act
    const results = await Promise.all([sendChunk(ports, job), sendChunk(ports, job)]);

    // Assess
    expect(results.sort()).toEqual(["done", "retry"]);
    expect(ports.mailer.delivered).toEqual(subscribers.map((s) => s.email));
  });

  it("releases the lease and throws when SES refuses the call; the retry sends everyone once", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, subscribers, job } = await plannedChunk(ports);
    ports.mailer.answer("refuse");

    // Act
    const refused = sendChunk(ports, job);

    // Assess
    await expect(refused).rejects.toBeInstanceOf(MailerRejected);
    expect(ports.mailer.delivered).toEqual([]);
    const chunk = await ports.chunks.get(edition.id, job.chunk);
    expect(chunk).toMatchObject({ done: false, leaseUntil: undefined, inflight: [], outcomes: {} });
    expect(await sendChunk(ports, job)).toBe("done");
    expect(ports.mailer.delivered).toEqual(subscribers.map((s) => s.email));
    expect((await ports.editions.get(edition.id))?.counts).toMatchObject({ sent: 3, unknown: 0 });
  });

  it("skips readers suppressed, unsubscribed, erased or off the topic since planning", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, subscribers, job } = await plannedChunk(ports, { readers: 5 });
    const [suppressed, unsubscribed, moved, erased, reader] = subscribers.map((s) => s.id);
    await ports.suppressions.add(suppressed as string, "bounce", ports.now().toISOString());
    const stored = (id?: string) => ports.subscribers.stored.get(id as string) as (typeof subscribers)[0];
    stored(unsubscribed).status = "unsubscribed";
    stored(moved).topics = ["culture"];
    ports.subscribers.stored.delete(erased as string);

    // Act
    await sendChunk(ports, job);

    // Assess
    expect(ports.mailer.delivered).toEqual([subscribers[4]?.email]);
    const { outcomes } = (await ports.chunks.get(edition.id, job.chunk)) ?? {};
    expect(outcomes).toEqual({
      [suppressed as string]: { kind: "skipped", reason: "suppressed" },
      [unsubscribed as string]: { kind: "skipped", reason: "unsubscribed" },
      [moved as string]: { kind: "skipped", reason: "topics" },
      [erased as string]: { kind: "skipped", reason: "gone" },
      [reader as string]: { kind: "sent", messageId: expect.any(String) },
    });
    expect((await ports.editions.get(edition.id))?.counts).toMatchObject({ sent: 1, skipped: 4 });
  });

  it("calls SES not at all when nobody in the chunk may be mailed, and still finishes it", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, subscribers, job } = await plannedChunk(ports, { readers: 2 });
    for (const s of subscribers) await ports.suppressions.add(s.id, "complaint", ports.now().toISOString());

    // Act
    await sendChunk(ports, job);

    // Assess
    expect(ports.mailer.calls).toEqual([]);
    expect(await ports.editions.get(edition.id)).toMatchObject({ status: "sent", counts: { skipped: 2 } });
  });

  it("records an entry SES failed as failed, once, without trying it again", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, subscribers, job } = await plannedChunk(ports);
    ports.mailer.answer({ fail: [subscribers[0]?.email as string] });

    // Act
    await sendChunk(ports, job);

    // Assess
    expect(ports.sendQueue.sent).toEqual([]);
    expect(await ports.editions.get(edition.id)).toMatchObject({
      status: "sent",
      counts: { sent: 2, failed: 1 },
    });
  });

  it("finishes the edition when a chunk recorded by a worker that died before finishing comes again", async () => {
    // Prepare: the worker recorded the chunk, then died before it could mark the edition sent.
    const ports = memoryPorts();
    const { edition, chunk, job } = await plannedChunk(ports, { readers: 1 });
    const claimed = (await ports.chunks.claim(
      chunk,
      ports.now().getTime() + 60_000,
      chunk.recipients,
    )) as ChunkRecord;
    const sent = { kind: "sent", messageId: "msg-0" } as const;
    await ports.chunks.record(claimed, { [chunk.recipients[0] as string]: sent }, true, { ...NONE, sent: 1 });

    // Act
    const result = await sendChunk(ports, job);

    // Assess
    expect(result).toBe("done");
    expect(ports.mailer.calls).toEqual([]);
    expect(await ports.editions.get(edition.id)).toMatchObject({ status: "sent", counts: { sent: 1 } });
  });

  it.each([
    ["its chunk is gone", { chunk: "00i00#999999" }, {}],
    ["its edition failed", {}, { status: "failed" as const }],
  ])("acknowledges the message and sends nothing when %s", async (_, jobChange, editionChange) => {
    // Prepare
    const ports = memoryPorts();
    const { job } = await plannedChunk(ports, { edition: editionChange });

    // Act
    const result = await sendChunk(ports, { ...job, ...jobChange });

    // Assess
    expect(result).toBe("done");
    expect(ports.mailer.calls).toEqual([]);
  });

  it("pauses a young edition whose bounces were counted before its sends", async () => {
    // Prepare
    const ports = memoryPorts();
    ports.config = { ...ports.config, pauseMinSample: 3 };
    // A second chunk is still to go: the last chunk finishes an edition, and nothing is left to pause.
    const { edition, job } = await plannedChunk(ports, { edition: { chunksTotal: 2 } });
    await ports.editions.countFeedback(edition.id, "bounced", "mark-1");

    // Act
    await sendChunk(ports, job);

    // Assess
    const stored = await ports.editions.get(edition.id);
    expect(stored?.status).toBe("paused");
    expect(stored?.statusReason).toMatch(/^bounce rate 33\.3 %/);
  });
});
