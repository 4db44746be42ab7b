import { describe, expect, it } from "vitest";
import { sendChunk } from "../../../functions/flows/send-chunk.js";
import { memoryPorts } from "../../helpers/memory-ports/memory-ports.js";
import { aSubscriber, plannedChunk, sendJob } from "../../helpers/send-factories.js";

/** Plans `chunks` chunks of three readers each for one edition; the first is `plannedChunk`'s. */
async function plannedChunks(ports: ReturnType<typeof memoryPorts>, chunks: number) {
  const { edition, job } = await plannedChunk(ports, { edition: { chunksTotal: chunks } });
  const jobs = [job];
  for (let c = 1; c < chunks; c++) {
    const readers = [1, 2, 3].map((i) => aSubscriber(c * 10 + i));
    for (const s of readers) await ports.subscribers.insert(s);
    const ids = readers.map((s) => s.id);
    const key = `00i00#${String(c).padStart(6, "0")}`;
    await ports.chunks.createOrGet(edition.id, key, ids, ids.at(-1) as string);
    jobs.push(sendJob(edition.id, key));
  }
  return { edition, jobs };
}

/** Counts the full progress reads (the edition with its sixteen counter shards on DynamoDB). */
function countProgressReads(ports: ReturnType<typeof memoryPorts>) {
  const reads = { count: 0 };
  const progress = ports.editions.progress;
  ports.editions.progress = (id) => {
    reads.count += 1;
    return progress(id);
  };
  return reads;
}

describe("sendChunk and auto-pause", () => {
  it("reads the edition's counts after a chunk only until it has seen the minimum sample sent", async () => {
    // Prepare: a sample of 3, three chunks of three readers.
    const ports = memoryPorts();
    ports.config = { ...ports.config, pauseMinSample: 3 };
    const { edition, jobs } = await plannedChunks(ports, 3);
    const reads = countProgressReads(ports);

    // Act
    for (const job of jobs) await sendChunk(ports, job);

    // Assess: the first chunk judges (3 sent reaches the sample); the others read only the fence.
    expect(reads.count).toBe(1);
    expect(await ports.editions.get(edition.id)).toMatchObject({ status: "sent", counts: { sent: 9 } });
  });

  it("judges again after a resume, whose baseline starts a new sample", async () => {
    // Prepare: the first chunk sent and judged; then a pause and a resume at 3 sent.
    const ports = memoryPorts();
    ports.config = { ...ports.config, pauseMinSample: 3 };
    const { edition, jobs } = await plannedChunks(ports, 3);
    await sendChunk(ports, jobs[0] as (typeof jobs)[number]);
    await ports.editions.transition(edition.id, ["sending"], "paused");
    const counts = (await ports.editions.get(edition.id))?.counts;
    await ports.editions.resume(edition.id, { ...(counts as NonNullable<typeof counts>) });
    const reads = countProgressReads(ports);

    // Act: a bounce of the new sample counted before the second chunk's sends.
    await ports.editions.countFeedback(edition.id, "bounced", "mark-1");
    await sendChunk(ports, jobs[1] as (typeof jobs)[number]);

    // Assess: judged on the 3 sent since the resume, 1 bounced: paused again.
    expect(reads.count).toBe(1);
    const stored = await ports.editions.get(edition.id);
    expect(stored?.status).toBe("paused");
    expect(stored?.statusReason).toMatch(/^bounce rate 33\.3 %/);
  });
});
