import { describe, expect, it } from "vitest";
import { sendChunk } from "../../../functions/flows/send-chunk.js";
import { memoryPorts } from "../../helpers/memory-ports/memory-ports.js";
import { plannedChunk, sendJob } from "../../helpers/send-factories.js";

/** SES throttling (whole calls or single entries): the chunk goes back on the queue with a growing delay. */
describe("sendChunk when SES throttles", () => {
  it.each([
    [undefined, 1, 1],
    [1, 2, 2],
    [2, 3, 4],
    [3, 4, 8],
    [4, 5, 16],
    [5, 6, 32],
    [6, 7, 60],
    [12, 13, 60],
  ])(
    "queues a chunk throttled %s times before again as throttled %s, %s s later",
    async (before, after, delay) => {
      // Prepare
      const ports = memoryPorts();
      const { edition, job } = await plannedChunk(ports);
      ports.mailer.answer("throttle");

      // Act
      const result = await sendChunk(ports, sendJob(edition.id, job.chunk, before));

      // Assess: acknowledged, queued once more, the chunk released with nobody's outcome taken.
      expect(result).toBe("done");
      expect(ports.sendQueue.sent).toEqual([
        { message: sendJob(edition.id, job.chunk, after), delaySeconds: delay },
      ]);
      expect(await ports.chunks.get(edition.id, job.chunk)).toMatchObject({
        done: false,
        outcomes: {},
        inflight: [],
        leaseUntil: undefined,
      });
      expect((await ports.editions.get(edition.id))?.counts).toMatchObject({ sent: 0, unknown: 0 });
    },
  );

  it("waits 1, 2, 4 … 60 s across attempts and then sends everyone exactly once", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, subscribers, job } = await plannedChunk(ports);
    ports.mailer.answer(...Array.from({ length: 8 }, () => "throttle" as const));

    // Act: each attempt works the message the one before queued, as the send worker would.
    let next = job;
    for (let attempt = 0; attempt < 9; attempt++) {
      await sendChunk(ports, next);
      next = ports.sendQueue.sent.at(-1)?.message ?? next;
    }

    // Assess
    expect(ports.sendQueue.sent.map((q) => q.delaySeconds)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(ports.mailer.calls).toHaveLength(9);
    expect(ports.mailer.delivered).toEqual(subscribers.map((s) => s.email));
    expect(await ports.editions.get(edition.id)).toMatchObject({ status: "sent", counts: { sent: 3 } });
  });

  it("records the entries SES took and queues the chunk again for the throttled ones alone", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, subscribers, job } = await plannedChunk(ports);
    const [first, throttled, third] = subscribers.map((s) => s.email);
    ports.mailer.answer({ throttle: [throttled as string] });

    // Act
    await sendChunk(ports, job);
    const requeued = ports.sendQueue.sent[0];
    await sendChunk(ports, requeued?.message ?? job);

    // Assess
    expect(requeued?.delaySeconds).toBe(1);
    expect(ports.mailer.calls.map((c) => c.entries.map((e) => e.to))).toEqual([
      [first, throttled, third],
      [throttled],
    ]);
    expect(ports.mailer.delivered.sort()).toEqual([first, throttled, third].sort());
    expect(await ports.editions.get(edition.id)).toMatchObject({
      status: "sent",
      chunksDone: 1,
      counts: { sent: 3 },
    });
  });
});
