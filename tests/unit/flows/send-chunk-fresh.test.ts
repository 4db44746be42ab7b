import { describe, expect, it } from "vitest";
import type { SendJob } from "../../../functions/flows/ports.js";
import { sendChunk } from "../../../functions/flows/send-chunk.js";
import { memoryPorts } from "../../helpers/memory-ports/memory-ports.js";
import { plannedChunk } from "../../helpers/send-factories.js";

/** The planner's first queueing of a chunk: its recipients ride along as stored. */
async function firstQueueing(ports: ReturnType<typeof memoryPorts>) {
  const planned = await plannedChunk(ports);
  const job: SendJob = { ...planned.job, fresh: { recipients: planned.chunk.recipients } };
  let reads = 0;
  const get = ports.chunks.get;
  ports.chunks.get = (editionId, key) => {
    reads += 1;
    return get(editionId, key);
  };
  return { ...planned, job, reads: () => reads };
}

describe("sendChunk on a chunk's first queueing", () => {
  it("sends it without reading it: claimed on the version the planner stored", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, subscribers, job, reads } = await firstQueueing(ports);

    // Act
    const result = await sendChunk(ports, job);

    // Assess
    expect(result).toBe("done");
    expect(reads()).toBe(0);
    expect(ports.mailer.delivered).toEqual(subscribers.map((s) => s.email));
    expect(await ports.chunks.get(edition.id, job.chunk)).toMatchObject({ done: true, version: 2 });
    expect(await ports.editions.get(edition.id)).toMatchObject({ status: "sent", counts: { sent: 3 } });
  });

  it("reads it after all when the message comes twice, and sends nobody twice", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, subscribers, job, reads } = await firstQueueing(ports);
    await sendChunk(ports, job);

    // Act: the same message again (SQS delivers at least once).
    const result = await sendChunk(ports, job);

    // Assess: its claim on version 0 refused, the chunk read, found done.
    expect(result).toBe("done");
    expect(reads()).toBe(1);
    expect(ports.mailer.delivered).toEqual(subscribers.map((s) => s.email));
    expect((await ports.editions.get(edition.id))?.counts).toMatchObject({ sent: 3, unknown: 0 });
  });

  it("queues a throttled chunk again without its first version, so the next try reads it", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, subscribers, job } = await firstQueueing(ports);
    ports.mailer.answer({ throttle: [subscribers[1]?.email as string] });

    // Act
    await sendChunk(ports, job);
    const requeued = ports.sendQueue.sent[0]?.message;
    await sendChunk(ports, requeued as SendJob);

    // Assess
    expect(requeued).toEqual({ editionId: edition.id, chunk: job.chunk, throttled: 1 });
    expect(ports.mailer.delivered.sort()).toEqual(subscribers.map((s) => s.email).sort());
    expect(await ports.editions.get(edition.id)).toMatchObject({ status: "sent", counts: { sent: 3 } });
  });

  it("closes a cancelled edition's chunk as stored, however often its first queueing comes", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, job } = await firstQueueing(ports);
    await ports.editions.transition(edition.id, ["sending"], "cancelled");

    // Act: the message twice.
    const first = await sendChunk(ports, job);
    const second = await sendChunk(ports, job);

    // Assess
    expect([first, second]).toEqual(["done", "done"]);
    expect(ports.mailer.calls).toEqual([]);
    expect(await ports.chunks.get(edition.id, job.chunk)).toMatchObject({ done: true });
    expect((await ports.editions.get(edition.id))?.counts).toMatchObject({ cancelled: 3, sent: 0 });
  });
});
